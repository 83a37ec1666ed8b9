package io.scriptorium.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.scriptorium.client.Document;
import io.scriptorium.client.ScriptoriumClient;
import io.scriptorium.client.Upload;
import io.scriptorium.client.UploadOptions;
import io.scriptorium.workflows.testing.ChildProcesses;
import io.scriptorium.workflows.testing.Corpus;
import io.scriptorium.workflows.testing.HostilePdfs;
import io.scriptorium.workflows.testing.TemporalTestNamespace;
import io.scriptorium.workflows.testing.TestDatabase;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole platform: the worker and api-server jars as processes, the real Temporal server and PostgreSQL, a
 * fresh database (schema by the migration workflow, as in production) and namespace. The corpus folder goes in
 * through the CLI, as a user sends it ({@code scriptorium ingest <corpus> --wait}): every corpus file must end as its
 * MANIFEST line says, and the CLI must say so, in its JSON and in its summary.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CorpusIngestionE2EIT {

	static final Duration INGESTION_TIMEOUT = Duration.ofMinutes(30);

	/** From md-readme-unstructured.md, and from no other corpus file. */
	static final String DISTINCTIVE = "instructions for pulling in some sample docs that are too big to store in the repo";

	static final String DISTINCTIVE_FILE = "md-readme-unstructured.md";

	/** A summary line of {@code ingest}: {@code 40 files: 29 READY, 5 FAILED, 6 REJECTED}. */
	static final Pattern SUMMARY = Pattern.compile("(?m)^(\\d+) files: (.*)$");

	private TestDatabase database;

	private AppProcess worker;

	private AppProcess apiServer;

	private ScriptoriumClient api;

	/** The CLI over the corpus folder with --json, which ingests it; then without, which finds it all ingested. */
	private CliRun jsonRun;

	private CliRun humanRun;

	/** Each file of the corpus folder (by name) to its row of the --json report: file, id, status, code... */
	private final Map<String, JsonNode> reported = new LinkedHashMap<>();

	/** Each manifest file that became a document to the document at the end. */
	private final Map<Corpus.Entry, Document> finals = new LinkedHashMap<>();

	@BeforeAll
	@Timeout(value = 40, unit = TimeUnit.MINUTES)
	void startPlatformAndIngestTheCorpus() throws Exception {
		this.database = TestDatabase.createEmpty();
		TemporalTestNamespace temporal = TemporalTestNamespace.create("e2e");
		List<String> args = AppProcess.platformArgs(this.database, temporal, "--scriptorium.ocr.enabled=true");
		this.worker = AppProcess.worker(AppProcess.LOGS, args);
		this.worker.awaitReady(Duration.ofMinutes(4));
		this.apiServer = AppProcess.apiServer("api-server", AppProcess.LOGS, args);
		this.apiServer.awaitReady(Duration.ofMinutes(3));
		this.api = new ScriptoriumClient(URI.create(this.apiServer.baseUrl()), null);

		// 16 files at a time keep the worker's queues (ingestion, office, OCR) busy, so the worker's slots rather
		// than the CLI's set the pace, while the CLI polls 16 documents, not all 40, twice a second.
		String corpus = Corpus.root().toString();
		this.jsonRun = CliRun.of(this.apiServer.baseUrl(), AppProcess.LOGS, "cli-json",
				INGESTION_TIMEOUT.plusMinutes(2), "ingest", corpus, "--wait", "--json", "--parallel", "16", "--timeout",
				INGESTION_TIMEOUT.toString());
		for (JsonNode row : JsonMapper.builder().build().readTree(this.jsonRun.stdout())) {
			this.reported.put(Path.of(row.get("file").asString()).getFileName().toString(), row);
		}
		for (Corpus.Entry entry : Corpus.entries()) {
			JsonNode row = this.reported.get(entry.file());
			if (row != null && row.get("id").isString()) {
				this.finals.put(entry, this.api.document(UUID.fromString(row.get("id").asString()), false));
			}
		}
		// The same bytes are the same documents, all ended: this run only reads what the first one did.
		this.humanRun = CliRun.of(this.apiServer.baseUrl(), AppProcess.LOGS, "cli", Duration.ofMinutes(5), "ingest",
				corpus, "--wait");
	}

	@AfterAll
	void stopPlatform() throws Exception {
		if (this.apiServer != null) {
			this.apiServer.close();
		}
		if (this.worker != null) {
			this.worker.close();
		}
		if (this.database != null) {
			this.database.drop();
		}
	}

	@Test
	void everyCorpusFileEndsAsItsManifestExpects() {
		SoftAssertions softly = new SoftAssertions();
		for (Corpus.Entry entry : Corpus.entries()) {
			JsonNode row = this.reported.get(entry.file());
			softly.assertThat(row).as(entry + " in the CLI's report").isNotNull();
			if (row == null) {
				continue;
			}
			Document document = this.finals.get(entry);
			switch (entry.expectation()) {
				case "reject-type" -> expectRejected(softly, entry, row, "UNSUPPORTED_TYPE");
				case "reject-empty" -> expectRejected(softly, entry, row, "EMPTY_DOCUMENT");
				case "reject-encrypted" -> expectFailedOrRejected(softly, entry, row, "ENCRYPTED_DOCUMENT");
				case "reject-corrupt" -> expectFailedOrRejected(softly, entry, row, "CORRUPT_DOCUMENT");
				case "ok" -> {
					expectReady(softly, entry, row, document);
					if (document != null) {
						softly.assertThat(document.chunks()).as(entry + " chunks").isPositive();
					}
				}
				case "ok-no-text" -> {
					// No text layer: OCR reads every page. The scans become text; the truncated Illustrator file
					// (a logo, PDFBox renders no letters of it) stays without.
					expectReady(softly, entry, row, document);
					if (document != null) {
						softly.assertThat(document.json().get("warnings").toString()).as(entry + " warnings")
							.contains("OCR_APPLIED");
						softly.assertThat(document.json().get("ocrPages").size()).as(entry + " OCR pages")
							.isEqualTo(entry.pageCount());
						if (entry.file().contains("-scan-")) {
							softly.assertThat(document.json().get("warnings").toString()).as(entry + " warnings")
								.doesNotContain("NO_TEXT_LAYER");
							softly.assertThat(document.chunks()).as(entry + " chunks").isPositive();
						}
					}
				}
				default -> softly.fail("Unknown expectation " + entry.expectation());
			}
		}
		// The folder's own README and MANIFEST are text, ingested like any other file.
		notInTheManifest().forEach(file -> softly.assertThat(this.reported.get(file).get("status").asString())
			.as(file + " status").isEqualTo("READY"));
		softly.assertAll();
	}

	/** The CLI says what the manifest does: it fails, its summary counts the ends, it names each failure's code. */
	@Test
	void theCliFailsCountsTheEndsAndNamesEachFailedFilesCode() {
		List<Corpus.Entry> rejects = Corpus.entries().stream().filter(e -> e.expectation().startsWith("reject-"))
			.toList();
		long ready = Corpus.entries().size() - rejects.size() + notInTheManifest().size();

		assertThat(this.jsonRun.exitCode()).as("exit code with --json").isEqualTo(1);
		assertThat(this.humanRun.exitCode()).as("exit code").isEqualTo(1);
		assertThat(this.reported).as("files reported").hasSize(Corpus.entries().size() + notInTheManifest().size());
		Matcher summary = SUMMARY.matcher(this.humanRun.stdout());
		assertThat(summary.find()).as("a summary line in\n" + this.humanRun.stdout()).isTrue();
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String count : summary.group(2).split(", ")) {
			counts.put(count.substring(count.indexOf(' ') + 1), Long.valueOf(count.substring(0, count.indexOf(' '))));
		}
		assertThat(Long.valueOf(summary.group(1))).isEqualTo(this.reported.size());
		assertThat(counts.get("READY")).as("READY").isEqualTo(ready);
		assertThat(counts.getOrDefault("FAILED", 0L) + counts.getOrDefault("REJECTED", 0L)).as("FAILED + REJECTED")
			.isEqualTo(rejects.size());
		assertThat(counts.keySet()).as("ends counted").isSubsetOf("READY", "FAILED", "REJECTED");
		// Both runs saw the same ends: the second found every document as the first left it.
		assertThat(counts).isEqualTo(this.reported.values().stream()
			.collect(Collectors.groupingBy(row -> row.get("status").asString(), Collectors.counting())));
		List<String> named = this.humanRun.stderr().lines().toList();
		SoftAssertions softly = new SoftAssertions();
		for (Corpus.Entry entry : rejects) {
			String code = switch (entry.expectation()) {
				case "reject-type" -> "UNSUPPORTED_TYPE";
				case "reject-empty" -> "EMPTY_DOCUMENT";
				case "reject-encrypted" -> "ENCRYPTED_DOCUMENT";
				default -> "CORRUPT_DOCUMENT";
			};
			softly.assertThat(named).as(entry + " on standard error")
				.anyMatch(line -> line.matches("(FAILED|REJECTED) .*/" + Pattern.quote(entry.file()) + ": " + code
						+ "( .*)?"));
		}
		softly.assertThat(named.stream().filter(line -> line.matches("(FAILED|REJECTED|READY|PENDING|PROCESSING) .*")))
			.as("files named on standard error").hasSize(rejects.size());
		softly.assertAll();
	}

	/** The folder's files that are not in its manifest (its README and the manifest itself). */
	private List<String> notInTheManifest() {
		Set<String> manifest = Corpus.entries().stream().map(Corpus.Entry::file).collect(Collectors.toSet());
		return this.reported.keySet().stream().filter(file -> !manifest.contains(file)).toList();
	}

	@Test
	void workerIngestedTheCorpusWithinItsHeap() throws Exception {
		assertThat(this.worker.isAlive()).as("worker process alive (it exits on OutOfMemoryError)").isTrue();
		assertThat(Files.readString(this.worker.log())).doesNotContain("OutOfMemoryError");
	}

	@Test
	void nothingIsLeftPendingOrProcessing() throws Exception {
		for (String status : List.of("PENDING", "PROCESSING")) {
			assertThat(this.api.documents(status, 100, null).items()).as(status).isEmpty();
		}
	}

	@Test
	void searchForADistinctiveSentenceFindsItsDocumentFirst() throws Exception {
		JsonNode results = this.api.search(DISTINCTIVE, 5, null).get("results");

		assertThat(results.size()).isPositive();
		assertThat(results.get(0).get("filename").asString()).isEqualTo(DISTINCTIVE_FILE);
	}

	/** A solicitation number, as people paste it: first in hybrid and keyword search; the vectors' rank is printed. */
	@Test
	void anExactIdentifierOfACorpusDocumentIsFoundFirst() throws Exception {
		String identifier = "USCA-03-R-0045";
		for (String mode : List.of("hybrid", "keyword")) {
			JsonNode results = this.api.search(identifier, 10, mode).get("results");
			assertThat(results.get(0).get("filename").asString()).as(mode)
				.isEqualTo("pdf-text-4p-gao-decision-pdfbox.pdf");
			assertThat(results.get(0).get("text").asString()).as(mode).contains(identifier);
		}
		JsonNode vector = this.api.search(identifier, 100, "vector").get("results");
		int rank = 0;
		for (int i = 0; i < vector.size() && rank == 0; i++) {
			rank = vector.get(i).get("text").asString().contains(identifier) ? i + 1 : 0;
		}
		System.out.println("[e2e] '" + identifier + "' in vector-only search: rank " + ((rank > 0) ? rank : "> 100"));
	}

	@Test
	void wordsOfAScanAreFoundAndAScanWithItsOwnTextLayerGetsNoOcr() throws Exception {
		JsonNode results = this.api.search("lorem ipsum dolor sit amet consectetur", 5, "keyword").get("results");
		// Other corpus files hold lorem ipsum too (as text), so the scan is asked to be among them, not first.
		assertThat(results.findValuesAsString("filename")).contains("pdf-scan-notext-loremipsum-unstructured.pdf");

		JsonNode layered = this.api.document(documentId("pdf-scan-with-ocr-layer-unstructured.pdf"), false).json();
		assertThat(layered.get("ocrPages").size()).isZero();
		assertThat(layered.get("warnings").toString()).doesNotContain("OCR_APPLIED");
	}

	@Test
	void aParaphrasedQuestionIsAnsweredByHybridSearch() throws Exception {
		JsonNode results = this.api.search("Which learned retriever encodes questions and passages with two separate"
				+ " BERT networks?", 5, null).get("results");

		assertThat(results.findValuesAsString("filename")).contains("pdf-text-13p-two-column-paper-unstructured.pdf");
	}

	/** The PDF's outline gives each chunk its section, and chunks end on the page they say. */
	@Test
	void chunksOfAPdfWithAnOutlineKnowTheirSectionAndPages() throws Exception {
		JsonNode chunk = chunkStartingWith("pdf-tables-67p-irs-pub15-tika.pdf", "Electronic Filing and Payment");

		assertThat(chunk.get("section").asString()).isEqualTo("Electronic Filing and Payment");
		assertThat(chunk.get("page").asInt()).isEqualTo(3);
		assertThat(chunk.get("lastPage").asInt()).isGreaterThanOrEqualTo(3);
	}

	/** LibreOffice writes a DOCX's headings as the PDF's outline: the section path keeps their levels. */
	@Test
	void chunksOfADocxWithHeadingsKnowTheirSectionPathAfterConversion() throws Exception {
		JsonNode chunk = chunkStartingWith("docx-large-125k-words-us-trustee-handbook-unstructured.docx",
				"3. EXEMPTIONS");

		assertThat(chunk.get("section").asString()).isEqualTo("CHAPTER 3 - ADMINISTRATION OF CHAPTER 13 CASES"
				+ " > A. INITIAL REVIEW OF CHAPTER 13 CASES > 3. EXEMPTIONS");
		assertThat(chunk.get("page").asInt()).isEqualTo(22);
	}

	/**
	 * The configured model changed: a document embedded by the old one is reported, vector search skips its chunks
	 * (their distances would mean nothing), and the reembed endpoint runs it again with the current model.
	 */
	@Test
	void aDocumentEmbeddedByAnotherModelIsReportedAndReembedded() throws Exception {
		UUID id = documentId(DISTINCTIVE_FILE);
		String model = this.api.document(id, false).json().get("embeddingModel").asString();
		try (var connection = this.database.connect(); var statement = connection.createStatement()) {
			statement
				.executeUpdate("UPDATE chunks SET embedding_model = 'an-old-model' WHERE document_id = '" + id + "'");
			statement.executeUpdate("UPDATE documents SET embedding_model = 'an-old-model' WHERE id = '" + id + "'");
		}
		assertThat(this.api.document(id, false).json().get("reembeddingNeeded").asBoolean()).isTrue();
		assertThat(vectorSearchOf(id).size()).isZero();

		JsonNode reembedding = this.api.reembed();

		assertThat(reembedding.get("started").get(0).asString()).isEqualTo(id.toString());
		Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
		Document document = this.api.document(id, false);
		while (!document.status().equals("READY") || document.json().get("reembeddingNeeded").asBoolean()) {
			assertThat(Instant.now()).isBefore(deadline);
			Thread.sleep(500);
			document = this.api.document(id, false);
		}
		assertThat(document.json().get("embeddingModel").asString()).isEqualTo(model);
		assertThat(vectorSearchOf(id).size()).isPositive();
		assertThat(this.api.reembed().get("remaining").asLong()).isZero();
	}

	private JsonNode vectorSearchOf(UUID id) throws Exception {
		return this.api.search(DISTINCTIVE, 5, "vector", "documentId=" + id).get("results");
	}

	/** The id of the document the corpus file became. */
	private UUID documentId(String file) {
		return this.finals.entrySet()
			.stream()
			.filter(entry -> entry.getKey().file().equals(file))
			.map(entry -> entry.getValue().id())
			.findFirst()
			.orElseThrow();
	}

	private JsonNode chunkStartingWith(String file, String start) throws Exception {
		UUID id = documentId(file);
		for (int offset = 0;; offset += 500) {
			JsonNode page = this.api.chunks(id, offset, 500);
			for (JsonNode chunk : page.get("items")) {
				if (chunk.get("text").asString().startsWith(start)) {
					return chunk;
				}
			}
			if (offset + 500 >= page.get("total").asInt()) {
				throw new AssertionError("no chunk of " + file + " starts with '" + start + "'");
			}
		}
	}

	@Test
	void sameBytesUploadedAgainReturnTheSameDocument() throws Exception {
		byte[] memo = Files.readAllBytes(Corpus.file("pdf-text-1p-memo-unstructured.pdf"));

		Upload again = this.api.upload("memo-again.pdf", memo, UploadOptions.NONE);

		assertThat(again.started()).isFalse();
		assertThat(again.document().id()).isEqualTo(documentId("pdf-text-1p-memo-unstructured.pdf"));
		assertThat(again.document().status()).isEqualTo("READY");
	}

	/**
	 * PDFs that used to wedge or kill a worker, uploaded together with a normal one: the normal one is READY in its
	 * usual time, each bomb ends FAILED with its code within 2 minutes, and then the worker is idle again, with no
	 * parser process left.
	 */
	@Test
	void hostilePdfsFailWithTheirCodesWithoutHoldingUpANormalDocument() throws Exception {
		Duration usual = timeToReady(HostilePdfs.text("A quiet memo about the office plants " + UUID.randomUUID()));

		Instant start = Instant.now();
		Map<HostilePdfs.Bomb, UUID> bombs = new LinkedHashMap<>();
		for (HostilePdfs.Bomb bomb : Stream.concat(HostilePdfs.workerWedging().stream(),
				HostilePdfs.pageTrees().stream()).toList()) {
			Upload upload = this.api.upload(bomb.name(), bomb.content(), UploadOptions.NONE);
			assertThat(upload.started()).as(bomb.name()).isTrue();
			bombs.put(bomb, upload.document().id());
		}
		Duration normal = timeToReady(HostilePdfs.text("A second memo about the plants " + UUID.randomUUID()));

		System.out.printf("normal PDF alone %d ms, among the bombs %d ms%n", usual.toMillis(), normal.toMillis());
		assertThat(normal).as("time to READY of a normal PDF among the bombs").isLessThan(usual.plusSeconds(45));
		for (Map.Entry<HostilePdfs.Bomb, UUID> bomb : bombs.entrySet()) {
			Document document = awaitTerminal(bomb.getValue(), start.plus(Duration.ofMinutes(2)));
			assertThat(document.status()).as(bomb.getKey().name()).isEqualTo("FAILED");
			assertThat(document.errorCode()).as(bomb.getKey().name()).isEqualTo(bomb.getKey().expectedCode());
		}
		// The worker keeps parsers waiting for the next document (scriptorium.parsing.idle-processes, 4); a bomb's
		// would be one more, and one still at work would show in the CPU below.
		assertThat(parserProcesses()).as("PDF parser processes left running").hasSizeLessThanOrEqualTo(4);
		assertThat(cpuCoresUsed(this.worker.handle(), Duration.ofSeconds(5))).as("worker CPU afterwards, in cores")
			.isLessThan(0.3);
	}

	private Duration timeToReady(byte[] pdf) throws Exception {
		Instant start = Instant.now();
		UUID id = this.api.upload("memo-" + UUID.randomUUID() + ".pdf", pdf, UploadOptions.NONE).document().id();
		Document document = awaitTerminal(id, start.plus(Duration.ofMinutes(1)));
		assertThat(document.status()).isEqualTo("READY");
		return Duration.between(start, Instant.now());
	}

	private Document awaitTerminal(UUID id, Instant deadline) throws Exception {
		while (true) {
			Document document = this.api.document(id, false);
			if (document.terminal() || Instant.now().isAfter(deadline)) {
				return document;
			}
			Thread.sleep(200);
		}
	}

	private List<ProcessHandle> parserProcesses() {
		return ChildProcesses.running(this.worker.handle(), "PdfParserMain");
	}

	/** The CPU time the process and its children spend over {@code period}, in cores (Linux /proc). */
	private static double cpuCoresUsed(ProcessHandle process, Duration period) throws Exception {
		long before = cpuTicks(process);
		Thread.sleep(period.toMillis());
		return (cpuTicks(process) - before) / (100.0 * period.toSeconds());
	}

	/** utime + stime + the waited-for children's, in clock ticks (100 a second on Linux). */
	private static long cpuTicks(ProcessHandle process) throws Exception {
		String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		long ticks = 0;
		for (int field = 11; field <= 14; field++) {
			ticks += Long.parseLong(fields[field]);
		}
		for (ProcessHandle child : process.children().toList()) {
			ticks += cpuTicks(child);
		}
		return ticks;
	}

	private static void expectRejected(SoftAssertions softly, Corpus.Entry entry, JsonNode row, String code) {
		softly.assertThat(row.get("status").asString()).as(entry + " status").isEqualTo("REJECTED");
		softly.assertThat(row.get("code").asString()).as(entry + " code").isEqualTo(code);
	}

	/** Rejected at the door when the upload's checks can tell, else FAILED by the worker: with the code either way. */
	private static void expectFailedOrRejected(SoftAssertions softly, Corpus.Entry entry, JsonNode row, String code) {
		softly.assertThat(row.get("status").asString()).as(entry + " status").isIn("FAILED", "REJECTED");
		softly.assertThat(row.get("code").asString()).as(entry + " code").isEqualTo(code);
	}

	private static void expectReady(SoftAssertions softly, Corpus.Entry entry, JsonNode row, Document document) {
		softly.assertThat(row.get("status").asString()).as(entry + " status (code " + row.get("code") + ")")
			.isEqualTo("READY");
		softly.assertThat(document).as(entry + " document").isNotNull();
		if (document != null && entry.file().endsWith(".pdf") && entry.pages() != null) {
			softly.assertThat(document.pages()).as(entry + " pages").isEqualTo(entry.pages());
		}
	}

}
