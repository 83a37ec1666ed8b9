package io.scriptorium.worker.parsing;

import static io.scriptorium.worker.blobs.ActivityFailures.assertNonRetryable;
import static org.assertj.core.api.Assertions.assertThat;

import io.scriptorium.worker.chunking.DocumentChunker;
import io.scriptorium.workflows.testing.ChildProcesses;
import io.scriptorium.workflows.testing.Corpus;
import io.scriptorium.workflows.testing.HostilePdfs;
import io.scriptorium.worker.testing.WorkerDatabase;
import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.document.DocumentType;
import io.scriptorium.workflows.failure.ErrorCode;
import io.scriptorium.workflows.parsing.ParseResult;
import io.scriptorium.workflows.parsing.ParsingActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Real PDFBox over the corpus, real PostgreSQL; the activity runs in Temporal's test activity environment. */
class ParsingActivitiesImplIT {

	/** These tests call extractText only, which does not chunk. */
	private static final DocumentChunker WITHOUT_CHUNKING = null;


	private static WorkerDatabase database;

	private TestActivityEnvironment environment;

	/** The test's extractors: closing them ends their idle parser processes. */
	private final List<PdfTextExtractor> extractors = new CopyOnWriteArrayList<>();

	private final List<Integer> heartbeats = new CopyOnWriteArrayList<>();

	@TempDir
	Path directory;

	@BeforeAll
	static void createDatabase() throws Exception {
		database = WorkerDatabase.create();
	}

	@AfterAll
	static void dropDatabase() throws Exception {
		database.close();
	}

	@BeforeEach
	void createEnvironment() {
		this.environment = TestActivityEnvironment.newInstance();
		this.environment.setActivityHeartbeatListener(Integer.class, this.heartbeats::add);
	}

	@AfterEach
	void closeEnvironment() {
		this.environment.close();
		closeExtractors();
	}

	private void closeExtractors() {
		this.extractors.forEach(PdfTextExtractor::destroy);
	}

	static Stream<Corpus.Entry> pdfs() {
		return Corpus.entries(Set.of("pdf"));
	}

	static Stream<Corpus.Entry> textFiles() {
		return Corpus.entries(Set.of("txt", "md", "html"));
	}

	@ParameterizedTest
	@MethodSource("pdfs")
	void corpusPdfEndsAsTheManifestExpects(Corpus.Entry entry) throws Exception {
		DocumentRef document = database.insertDocument(entry.path(), DocumentType.PDF);
		ParsingActivities activities = activities(new ParsingProperties());
		switch (entry.expectation()) {
			case "ok" -> {
				ParseResult result = activities.extractText(document);
				assertThat(result.pages()).isEqualTo(entry.pageCount());
				assertThat(result.pagesWithText()).isPositive();
				assertThat(result.characters()).isPositive();
				assertThat(storedPages(document)).isEqualTo(entry.pageCount());
			}
			case "ok-no-text" -> {
				ParseResult result = activities.extractText(document);
				assertThat(result.pages()).isEqualTo(entry.pageCount());
				assertThat(result.pagesWithText()).isZero();
				assertThat(result.pagesNeedingOcr()).isEqualTo(entry.pageCount());
			}
			case "reject-encrypted" -> assertNonRetryable(() -> activities.extractText(document),
					ErrorCode.ENCRYPTED_DOCUMENT);
			case "reject-corrupt" -> assertNonRetryable(() -> activities.extractText(document),
					ErrorCode.CORRUPT_DOCUMENT);
			case "reject-type" -> assertNonRetryable(() -> activities.extractText(document),
					ErrorCode.UNSUPPORTED_TYPE);
			case "reject-empty" -> assertNonRetryable(() -> activities.extractText(document),
					ErrorCode.EMPTY_DOCUMENT);
			default -> throw new IllegalArgumentException("Unknown expectation " + entry.expectation());
		}
	}

	@ParameterizedTest
	@MethodSource("textFiles")
	void corpusTextFileIsStoredAsSegmentsWithText(Corpus.Entry entry) throws Exception {
		DocumentType type = DocumentType.fromFilename(entry.file()).orElseThrow();
		DocumentRef document = database.insertDocument(entry.path(), type);
		ParsingProperties properties = new ParsingProperties();

		ParseResult result = activities(properties).extractText(document);

		assertThat(result.pages()).isZero();
		assertThat(result.pagesWithText()).isPositive().isEqualTo(storedPages(document));
		assertThat(result.characters()).isPositive();
		assertThat(database.jdbc()
			.sql("SELECT max(char_length(text)) FROM document_pages WHERE document_id = ?")
			.param(document.documentId())
			.query(Integer.class)
			.single()).isLessThanOrEqualTo(properties.getSegmentChars());
	}

	@Test
	void largeTextFileIsSplitIntoManySegmentsAtLineBreaks() throws Exception {
		DocumentRef document = database.insertDocument(Corpus.file("txt-war-and-peace-unstructured.txt"),
				DocumentType.TXT);

		ParseResult result = activities(new ParsingProperties()).extractText(document);

		// ~3.2 MB of text in segments of at most 32,000 characters.
		assertThat(result.pagesWithText()).isGreaterThan(100);
		assertThat(result.characters()).isGreaterThan(3_000_000);
		List<String> ends = database.jdbc()
			.sql("SELECT right(text, 1) FROM document_pages WHERE document_id = ? ORDER BY page")
			.param(document.documentId())
			.query(String.class)
			.list();
		assertThat(ends).hasSize(result.pagesWithText());
	}

	@Test
	void htmlKeepsVisibleTextOnly() throws Exception {
		Path html = Files.writeString(this.directory.resolve("page.html"), """
				<html><head><title>Title</title><style>p { color: red }</style></head>
				<body><h1>Heading</h1><script>var hidden = 1;</script>
				<div style="display: none">invisible</div><p>First\u0000 paragraph
				spans lines.</p><table><tr><td>a</td><td>b</td></tr></table></body></html>
				""");
		DocumentRef document = database.insertDocument(html, DocumentType.HTML);

		activities(new ParsingProperties()).extractText(document);

		assertThat(database.pageTexts(document)).containsExactly("Heading\n\nFirst paragraph spans lines.\n\na | b");
	}

	@Test
	void malformedUtf8IsReplacedNotRejected() throws Exception {
		Path txt = Files.write(this.directory.resolve("latin1.txt"), new byte[] { 'c', 'a', 'f', (byte) 0xE9, 0 });
		DocumentRef document = database.insertDocument(txt, DocumentType.TXT);

		ParseResult result = activities(new ParsingProperties()).extractText(document);

		assertThat(result.pagesWithText()).isEqualTo(1);
		assertThat(database.pageTexts(document)).containsExactly("caf\uFFFD");
	}

	@Test
	void extractingTwiceLeavesExactlyOneRowPerPage() throws Exception {
		DocumentRef document = database.insertDocument(Corpus.file("pdf-text-13p-two-column-paper-unstructured.pdf"),
				DocumentType.PDF);
		ParsingActivities activities = activities(new ParsingProperties());

		ParseResult first = activities.extractText(document);
		ParseResult second = activities.extractText(document);

		assertThat(second).isEqualTo(first);
		assertThat(database.jdbc()
			.sql("SELECT count(*), count(DISTINCT page), min(page), max(page) FROM document_pages WHERE document_id = ?")
			.param(document.documentId())
			.query((rs, row) -> List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
			.single()).containsExactly(13, 13, 1, 13);
	}

	@Test
	void rowsBeyondThePageCountOfAnEarlierAttemptAreRemoved() throws Exception {
		DocumentRef document = database.insertDocument(Corpus.file("pdf-text-4p-gao-decision-pdfbox.pdf"),
				DocumentType.PDF);
		database.jdbc()
			.sql("INSERT INTO document_pages (document_id, page, text) VALUES (?, 1, 'stale'), (?, 9, 'stale')")
			.params(document.documentId(), document.documentId())
			.update();

		ParseResult result = activities(new ParsingProperties()).extractText(document);

		assertThat(result.pages()).isEqualTo(4);
		assertThat(storedPages(document)).isEqualTo(4);
		assertThat(database.pageTexts(document)).doesNotContain("stale");
	}

	@Test
	void retryResumesAfterTheLastHeartbeatedPage() throws Exception {
		DocumentRef document = database.insertDocument(Corpus.file("pdf-text-13p-two-column-paper-unstructured.pdf"),
				DocumentType.PDF);
		this.environment.setHeartbeatDetails(10);

		ParseResult result = activities(new ParsingProperties()).extractText(document);

		assertThat(result.pages()).isEqualTo(13);
		assertThat(database.jdbc()
			.sql("SELECT page FROM document_pages WHERE document_id = ? ORDER BY page")
			.param(document.documentId())
			.query(Integer.class)
			.list()).containsExactly(11, 12, 13);
	}

	@Test
	void pdfWithMorePagesThanTheLimitFailsWithTooManyPages() throws Exception {
		DocumentRef document = database.insertDocument(Corpus.file("pdf-text-13p-two-column-paper-unstructured.pdf"),
				DocumentType.PDF);
		ParsingProperties properties = new ParsingProperties();
		properties.setMaxPages(12);

		assertNonRetryable(() -> activities(properties).extractText(document), ErrorCode.TOO_MANY_PAGES);
		assertThat(storedPages(document)).isZero();
	}

	@Test
	void fourHundredPagePdfIsParsedWithHeartbeats() throws Exception {
		DocumentRef document = database.insertDocument(Corpus.file("pdf-text-400p-irs-manual-unstructured.pdf"),
				DocumentType.PDF);
		long start = System.nanoTime();

		// The SDK throttles heartbeats to 80% of the heartbeat timeout: a short one lets the test see several.
		ParseResult result = activities(new ParsingProperties(), Duration.ofSeconds(2)).extractText(document);

		long millis = (System.nanoTime() - start) / 1_000_000;
		Runtime runtime = Runtime.getRuntime();
		System.out.printf("400-page PDF: %d ms, %d pages with text, %d characters, heap used %d MB%n", millis,
				result.pagesWithText(), result.characters(), (runtime.totalMemory() - runtime.freeMemory()) >> 20);
		assertThat(result.pages()).isEqualTo(400);
		assertThat(result.pagesWithText()).isGreaterThan(390);
		// How many heartbeats get through the throttle depends on the host's speed (1.5 s for all 400 pages on a
		// quiet one): at least one does, and each reports the pages stored so far.
		assertThat(this.heartbeats).isNotEmpty().isSorted().allMatch((page) -> page >= 0 && page <= 400);
	}

	@Test
	void deletedDocumentFailsWithDocumentNotFound() throws Exception {
		DocumentRef document = database.insertDocument(Corpus.file("pdf-text-1p-memo-unstructured.pdf"),
				DocumentType.PDF);
		database.deleteDocument(document);

		assertNonRetryable(() -> activities(new ParsingProperties()).extractText(document),
				ErrorCode.DOCUMENT_NOT_FOUND);
	}

	static Stream<HostilePdfs.Bomb> hostilePdfs() {
		return Stream.concat(HostilePdfs.workerWedging().stream(), HostilePdfs.pageTrees().stream());
	}

	@ParameterizedTest
	@MethodSource("hostilePdfs")
	void hostilePdfFailsWithItsCodeInBoundedTimeAndLeavesNoParserRunning(HostilePdfs.Bomb bomb) throws Exception {
		DocumentRef document = database.insertDocument(bomb.writeTo(this.directory), DocumentType.PDF);
		long start = System.nanoTime();

		assertNonRetryable(() -> activities(new ParsingProperties()).extractText(document),
				ErrorCode.valueOf(bomb.expectedCode()));

		Duration took = Duration.ofNanos(System.nanoTime() - start);
		System.out.printf("%s: %s in %d ms%n", bomb.name(), bomb.expectedCode(), took.toMillis());
		assertThat(took).isLessThan(Duration.ofMinutes(2));
		// The idle processes go too; any parser left is one that worked on this document.
		closeExtractors();
		assertThat(ChildProcesses.running(PdfParserMain.class.getName())).isEmpty();
	}

	/**
	 * The parser process started with the worker parses the first document, and having read it to its end serves
	 * the next one (its JVM warm); none outlives the worker.
	 */
	@Test
	void parserProcessesServeOneDocumentAfterAnotherAndEndWithTheWorker() throws Exception {
		ParsingActivities activities = activities(new ParsingProperties());
		DocumentRef first = database.insertDocument(Corpus.file("pdf-text-1p-memo-unstructured.pdf"),
				DocumentType.PDF);
		DocumentRef second = database.insertDocument(Corpus.file("pdf-text-4p-gao-decision-pdfbox.pdf"),
				DocumentType.PDF);

		assertThat(activities.extractText(first).pagesWithText()).isEqualTo(1);
		List<ProcessHandle> afterFirst = ChildProcesses.running(ParserPool.SERVE);
		assertThat(activities.extractText(second).pages()).isEqualTo(4);

		assertThat(afterFirst).hasSize(1);
		assertThat(ChildProcesses.running(ParserPool.SERVE)).isEqualTo(afterFirst);
		closeExtractors();
		assertThat(ChildProcesses.running(PdfParserMain.class.getName())).isEmpty();
	}

	@Test
	void pageOverItsBudgetIsSkippedAndTheRestOfTheFileIsRead() throws Exception {
		Path pdf = Files.write(this.directory.resolve("bomb-between-text.pdf"),
				HostilePdfs.bombBetweenText("The first page reads fine", "So does the last one"));
		DocumentRef document = database.insertDocument(pdf, DocumentType.PDF);

		ParseResult result = activities(new ParsingProperties()).extractText(document);

		assertThat(result.pages()).isEqualTo(3);
		assertThat(result.skippedPages()).isEqualTo(1);
		assertThat(database.pageTexts(document)).containsExactly("The first page reads fine", "", "So does the last one");
	}

	@Test
	void parserKilledForTakingTooLongSkipsThePageAndResumesAfterIt() throws Exception {
		// A page budget too large to stop the bomb: only the page timeout does.
		ParsingProperties properties = new ParsingProperties();
		properties.setMaxOperatorsPerPage(Long.MAX_VALUE);
		properties.setPageTimeout(Duration.ofSeconds(3));
		Path pdf = Files.write(this.directory.resolve("slow-page.pdf"),
				HostilePdfs.bombBetweenText("Before the slow page", "After the slow page"));
		DocumentRef document = database.insertDocument(pdf, DocumentType.PDF);

		ParseResult result = activities(properties).extractText(document);

		assertThat(result.skippedPages()).isEqualTo(1);
		assertThat(database.pageTexts(document)).containsExactly("Before the slow page", "", "After the slow page");
	}

	@Test
	void documentThatOutlastsItsTimeFailsWithDocumentTooComplex() throws Exception {
		ParsingProperties properties = new ParsingProperties();
		properties.setMaxOperatorsPerPage(Long.MAX_VALUE);
		properties.setDocumentTimeout(Duration.ofSeconds(3));
		DocumentRef document = database.insertDocument(
				Files.write(this.directory.resolve("slow.pdf"), HostilePdfs.formBomb(16, 10)), DocumentType.PDF);
		long start = System.nanoTime();

		assertNonRetryable(() -> activities(properties).extractText(document), ErrorCode.DOCUMENT_TOO_COMPLEX);

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
	}

	private ParsingActivities activities(ParsingProperties properties) {
		return activities(properties, Duration.ofMinutes(1));
	}

	private ParsingActivities activities(ParsingProperties properties, Duration heartbeatTimeout) {
		DocumentPages pages = new DocumentPages(database.jdbcTemplate(), database.jdbc());
		PdfTextExtractor extractor = new PdfTextExtractor(properties);
		this.extractors.add(extractor);
		this.environment.registerActivitiesImplementations(
				new ParsingActivitiesImpl(database.blobs(), pages, properties, extractor, WITHOUT_CHUNKING));
		return this.environment.newActivityStub(ParsingActivities.class,
				ActivityOptions.newBuilder()
					.setStartToCloseTimeout(Duration.ofMinutes(10))
					.setHeartbeatTimeout(heartbeatTimeout)
					.setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
					.build());
	}

	private static int storedPages(DocumentRef document) {
		return database.jdbc()
			.sql("SELECT count(*) FROM document_pages WHERE document_id = ?")
			.param(document.documentId())
			.query(Integer.class)
			.single();
	}


}
