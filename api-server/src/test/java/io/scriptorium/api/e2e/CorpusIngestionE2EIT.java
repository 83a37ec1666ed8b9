package io.scriptorium.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.scriptorium.api.system.ApiClient;
import io.scriptorium.api.system.ApiClient.Response;
import io.scriptorium.workflows.testing.ChildProcesses;
import io.scriptorium.workflows.testing.Corpus;
import io.scriptorium.workflows.testing.HostilePdfs;
import io.scriptorium.workflows.testing.TemporalTestNamespace;
import io.scriptorium.workflows.testing.TestDatabase;
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
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * The whole platform: the worker and api-server jars as processes, the real Temporal server and PostgreSQL, a
 * fresh database (schema by the migration workflow, as in production) and namespace. Every corpus file is
 * uploaded over HTTP and must end as its MANIFEST line says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CorpusIngestionE2EIT {

	static final Path WORKER_JAR = Path.of("..", "worker", "target", "worker-0.1.0-SNAPSHOT.jar");

	static final Path API_JAR = Path.of("target", "api-server-0.1.0-SNAPSHOT.jar");

	static final Path LOGS = Path.of("target", "e2e-logs");

	static final Duration INGESTION_TIMEOUT = Duration.ofMinutes(30);

	/** From md-readme-unstructured.md, and from no other corpus file. */
	static final String DISTINCTIVE = "instructions for pulling in some sample docs that are too big to store in the repo";

	static final String DISTINCTIVE_FILE = "md-readme-unstructured.md";

	static final List<String> WORKER_JVM = List.of("-Xmx768m", "-XX:+ExitOnOutOfMemoryError");

	private TestDatabase database;

	private AppProcess worker;

	private AppProcess apiServer;

	private ApiClient api;

	/** Corpus file to its upload answer; then to its final status for the accepted ones. */
	private final Map<Corpus.Entry, Response> uploads = new LinkedHashMap<>();

	private final Map<Corpus.Entry, JsonNode> finals = new LinkedHashMap<>();

	@BeforeAll
	@Timeout(value = 40, unit = TimeUnit.MINUTES)
	void startPlatformAndIngestTheCorpus() throws Exception {
		this.database = TestDatabase.createEmpty();
		TemporalTestNamespace temporal = TemporalTestNamespace.create("e2e");
		List<String> args = List.of("--spring.datasource.url=" + this.database.url(),
				"--spring.temporal.namespace=" + temporal.name(),
				"--spring.temporal.connection.target=" + TemporalTestNamespace.TARGET, "--scriptorium.ocr.enabled=true");
		// The benchmark's memory goal: the whole corpus (War and Peace, a 400-page PDF) within a 768 MB heap.
		this.worker = AppProcess.start("worker", WORKER_JAR, LOGS, WORKER_JVM, args);
		// The worker runs the schema migration; its readiness waits for it.
		this.worker.awaitReady(Duration.ofMinutes(4));
		this.apiServer = AppProcess.start("api-server", API_JAR, LOGS, List.of(), args);
		this.apiServer.awaitReady(Duration.ofMinutes(3));
		this.api = new ApiClient(this.apiServer.baseUrl());

		for (Corpus.Entry entry : Corpus.entries()) {
			this.uploads.put(entry, this.api.upload(entry.file(), Files.readAllBytes(entry.path())));
		}
		awaitTerminal();
	}

	private void awaitTerminal() throws InterruptedException {
		Instant deadline = Instant.now().plus(INGESTION_TIMEOUT);
		Map<Corpus.Entry, String> pending = new LinkedHashMap<>();
		this.uploads.forEach((entry, response) -> {
			if (response.status() == 202) {
				pending.put(entry, response.json().get("id").asString());
			}
		});
		while (!pending.isEmpty() && Instant.now().isBefore(deadline)) {
			pending.entrySet().removeIf(item -> {
				JsonNode document = this.api.get("/api/v1/documents/" + item.getValue()).json();
				boolean terminal = Set.of("READY", "FAILED", "CANCELLED").contains(document.get("status").asString());
				if (terminal) {
					this.finals.put(item.getKey(), document);
				}
				return terminal;
			});
			Thread.sleep(2000);
		}
		pending.forEach((entry, id) -> this.finals.put(entry, this.api.get("/api/v1/documents/" + id).json()));
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
		this.uploads.forEach((entry, upload) -> {
			JsonNode document = this.finals.get(entry);
			switch (entry.expectation()) {
				case "reject-type" -> expectRejected(softly, entry, upload, 415, "UNSUPPORTED_TYPE");
				case "reject-empty" -> expectRejected(softly, entry, upload, 400, "EMPTY_DOCUMENT");
				case "reject-encrypted" -> expectFailedOrRejected(softly, entry, upload, document, "ENCRYPTED_DOCUMENT");
				case "reject-corrupt" -> expectFailedOrRejected(softly, entry, upload, document, "CORRUPT_DOCUMENT");
				case "ok" -> {
					expectReady(softly, entry, upload, document);
					if (document != null) {
						softly.assertThat(document.get("chunks").asInt()).as(entry + " chunks").isPositive();
					}
				}
				case "ok-no-text" -> {
					// No text layer: OCR reads every page. The scans become text; the truncated Illustrator file
					// (a logo, PDFBox renders no letters of it) stays without.
					expectReady(softly, entry, upload, document);
					if (document != null) {
						softly.assertThat(document.get("warnings").toString()).as(entry + " warnings")
							.contains("OCR_APPLIED");
						softly.assertThat(document.get("ocrPages").size()).as(entry + " OCR pages")
							.isEqualTo(entry.pageCount());
						if (entry.file().contains("-scan-")) {
							softly.assertThat(document.get("warnings").toString()).as(entry + " warnings")
								.doesNotContain("NO_TEXT_LAYER");
							softly.assertThat(document.get("chunks").asInt()).as(entry + " chunks").isPositive();
						}
					}
				}
				default -> softly.fail("Unknown expectation " + entry.expectation());
			}
		});
		softly.assertAll();
	}

	@Test
	void workerIngestedTheCorpusWithinItsHeap() throws Exception {
		assertThat(this.worker.isAlive()).as("worker process alive (it exits on OutOfMemoryError)").isTrue();
		assertThat(Files.readString(this.worker.log())).doesNotContain("OutOfMemoryError");
	}

	@Test
	void nothingIsLeftPendingOrProcessing() {
		for (String status : List.of("PENDING", "PROCESSING")) {
			JsonNode list = this.api.get("/api/v1/documents?status=" + status + "&limit=100").json();
			assertThat(list.get("items").size()).as(status).isZero();
		}
	}

	@Test
	void searchForADistinctiveSentenceFindsItsDocumentFirst() {
		JsonNode results = this.api.search(DISTINCTIVE, 5).json().get("results");

		assertThat(results.size()).isPositive();
		assertThat(results.get(0).get("filename").asString()).isEqualTo(DISTINCTIVE_FILE);
	}

	/** A solicitation number, as people paste it: first in hybrid and keyword search; the vectors' rank is printed. */
	@Test
	void anExactIdentifierOfACorpusDocumentIsFoundFirst() {
		String identifier = "USCA-03-R-0045";
		for (String mode : List.of("hybrid", "keyword")) {
			JsonNode results = this.api.get("/api/v1/search?k=10&mode=" + mode + "&q=" + identifier).json()
				.get("results");
			assertThat(results.get(0).get("filename").asString()).as(mode)
				.isEqualTo("pdf-text-4p-gao-decision-pdfbox.pdf");
			assertThat(results.get(0).get("text").asString()).as(mode).contains(identifier);
		}
		JsonNode vector = this.api.get("/api/v1/search?k=100&mode=vector&q=" + identifier).json().get("results");
		int rank = 0;
		for (int i = 0; i < vector.size() && rank == 0; i++) {
			rank = vector.get(i).get("text").asString().contains(identifier) ? i + 1 : 0;
		}
		System.out.println("[e2e] '" + identifier + "' in vector-only search: rank " + ((rank > 0) ? rank : "> 100"));
	}

	@Test
	void wordsOfAScanAreFoundAndAScanWithItsOwnTextLayerGetsNoOcr() {
		JsonNode results = this.api.get("/api/v1/search?k=5&mode=keyword&q=lorem+ipsum+dolor+sit+amet+consectetur")
			.json()
			.get("results");
		// Other corpus files hold lorem ipsum too (as text), so the scan is asked to be among them, not first.
		assertThat(results.findValuesAsString("filename")).contains("pdf-scan-notext-loremipsum-unstructured.pdf");

		JsonNode layered = this.api.get("/api/v1/documents/" + documentId("pdf-scan-with-ocr-layer-unstructured.pdf"))
			.json();
		assertThat(layered.get("ocrPages").size()).isZero();
		assertThat(layered.get("warnings").toString()).doesNotContain("OCR_APPLIED");
	}

	@Test
	void aParaphrasedQuestionIsAnsweredByHybridSearch() {
		JsonNode results = this.api.search("Which learned retriever encodes questions and passages with two separate"
				+ " BERT networks?", 5).json().get("results");

		assertThat(results.findValuesAsString("filename")).contains("pdf-text-13p-two-column-paper-unstructured.pdf");
	}

	/** The PDF's outline gives each chunk its section, and chunks end on the page they say. */
	@Test
	void chunksOfAPdfWithAnOutlineKnowTheirSectionAndPages() {
		JsonNode chunk = chunkStartingWith("pdf-tables-67p-irs-pub15-tika.pdf", "Electronic Filing and Payment");

		assertThat(chunk.get("section").asString()).isEqualTo("Electronic Filing and Payment");
		assertThat(chunk.get("page").asInt()).isEqualTo(3);
		assertThat(chunk.get("lastPage").asInt()).isGreaterThanOrEqualTo(3);
	}

	/** LibreOffice writes a DOCX's headings as the PDF's outline: the section path keeps their levels. */
	@Test
	void chunksOfADocxWithHeadingsKnowTheirSectionPathAfterConversion() {
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
		String id = documentId(DISTINCTIVE_FILE);
		String model = this.api.get("/api/v1/documents/" + id).json().get("embeddingModel").asString();
		try (var connection = this.database.connect(); var statement = connection.createStatement()) {
			statement
				.executeUpdate("UPDATE chunks SET embedding_model = 'an-old-model' WHERE document_id = '" + id + "'");
			statement.executeUpdate("UPDATE documents SET embedding_model = 'an-old-model' WHERE id = '" + id + "'");
		}
		assertThat(this.api.get("/api/v1/documents/" + id).json().get("reembeddingNeeded").asBoolean()).isTrue();
		String vectorSearch = "/api/v1/search?mode=vector&k=5&documentId=" + id + "&q="
				+ java.net.URLEncoder.encode(DISTINCTIVE, java.nio.charset.StandardCharsets.UTF_8);
		assertThat(this.api.get(vectorSearch).json().get("results").size()).isZero();

		JsonNode reembedding = this.api.post("/api/v1/documents/reembed").json();

		assertThat(reembedding.get("started").get(0).asString()).isEqualTo(id);
		Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
		JsonNode document = this.api.get("/api/v1/documents/" + id).json();
		while (!document.get("status").asString().equals("READY") || document.get("reembeddingNeeded").asBoolean()) {
			assertThat(Instant.now()).isBefore(deadline);
			Thread.sleep(500);
			document = this.api.get("/api/v1/documents/" + id).json();
		}
		assertThat(document.get("embeddingModel").asString()).isEqualTo(model);
		assertThat(this.api.get(vectorSearch).json().get("results").size()).isPositive();
		assertThat(this.api.post("/api/v1/documents/reembed").json().get("remaining").asLong()).isZero();
	}

	/** The id of the document the corpus file became. */
	private String documentId(String file) {
		return this.finals.entrySet()
			.stream()
			.filter(entry -> entry.getKey().file().equals(file))
			.map(entry -> entry.getValue().get("id").asString())
			.findFirst()
			.orElseThrow();
	}

	private JsonNode chunkStartingWith(String file, String start) {
		String id = documentId(file);
		for (int offset = 0;; offset += 500) {
			JsonNode page = this.api.get("/api/v1/documents/" + id + "/chunks?limit=500&offset=" + offset).json();
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
		Corpus.Entry memo = this.uploads.keySet()
			.stream()
			.filter(entry -> entry.file().equals("pdf-text-1p-memo-unstructured.pdf"))
			.findFirst()
			.orElseThrow();

		Response again = this.api.upload("memo-again.pdf", Files.readAllBytes(memo.path()));

		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().get("id").asString()).isEqualTo(this.uploads.get(memo).json().get("id").asString());
		assertThat(again.json().get("status").asString()).isEqualTo("READY");
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
		Map<HostilePdfs.Bomb, String> bombs = new LinkedHashMap<>();
		for (HostilePdfs.Bomb bomb : Stream.concat(HostilePdfs.workerWedging().stream(),
				HostilePdfs.pageTrees().stream()).toList()) {
			Response upload = this.api.upload(bomb.name(), bomb.content());
			assertThat(upload.status()).as(bomb.name()).isEqualTo(202);
			bombs.put(bomb, upload.json().get("id").asString());
		}
		Duration normal = timeToReady(HostilePdfs.text("A second memo about the plants " + UUID.randomUUID()));

		System.out.printf("normal PDF alone %d ms, among the bombs %d ms%n", usual.toMillis(), normal.toMillis());
		assertThat(normal).as("time to READY of a normal PDF among the bombs").isLessThan(usual.plusSeconds(45));
		for (Map.Entry<HostilePdfs.Bomb, String> bomb : bombs.entrySet()) {
			JsonNode document = awaitTerminal(bomb.getValue(), start.plus(Duration.ofMinutes(2)));
			assertThat(document.get("status").asString()).as(bomb.getKey().name()).isEqualTo("FAILED");
			assertThat(document.get("error").get("code").asString()).as(bomb.getKey().name())
				.isEqualTo(bomb.getKey().expectedCode());
		}
		// The worker keeps parsers waiting for the next document (scriptorium.parsing.idle-processes, 4); a bomb's
		// would be one more, and one still at work would show in the CPU below.
		assertThat(parserProcesses()).as("PDF parser processes left running").hasSizeLessThanOrEqualTo(4);
		assertThat(cpuCoresUsed(this.worker.handle(), Duration.ofSeconds(5))).as("worker CPU afterwards, in cores")
			.isLessThan(0.3);
	}

	private Duration timeToReady(byte[] pdf) throws InterruptedException {
		Instant start = Instant.now();
		String id = this.api.upload("memo-" + UUID.randomUUID() + ".pdf", pdf).json().get("id").asString();
		JsonNode document = awaitTerminal(id, start.plus(Duration.ofMinutes(1)));
		assertThat(document.get("status").asString()).isEqualTo("READY");
		return Duration.between(start, Instant.now());
	}

	private JsonNode awaitTerminal(String id, Instant deadline) throws InterruptedException {
		while (true) {
			JsonNode document = this.api.get("/api/v1/documents/" + id).json();
			if (Set.of("READY", "FAILED", "CANCELLED").contains(document.get("status").asString())
					|| Instant.now().isAfter(deadline)) {
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

	private static void expectRejected(SoftAssertions softly, Corpus.Entry entry, Response upload, int status,
			String code) {
		softly.assertThat(upload.status()).as(entry + " status").isEqualTo(status);
		softly.assertThat(upload.code()).as(entry + " code").isEqualTo(code);
	}

	private static void expectFailedOrRejected(SoftAssertions softly, Corpus.Entry entry, Response upload,
			JsonNode document, String code) {
		if (upload.status() != 202) {
			softly.assertThat(upload.code()).as(entry + " rejected at the door").isEqualTo(code);
			return;
		}
		softly.assertThat(document.get("status").asString()).as(entry + " status").isEqualTo("FAILED");
		softly.assertThat(document.get("error").isNull()).as(entry + " has an error").isFalse();
		if (!document.get("error").isNull()) {
			softly.assertThat(document.get("error").get("code").asString()).as(entry + " error code").isEqualTo(code);
		}
	}

	private static void expectReady(SoftAssertions softly, Corpus.Entry entry, Response upload,
			JsonNode document) {
		softly.assertThat(upload.status()).as(entry + " upload").isEqualTo(202);
		if (document == null) {
			return;
		}
		softly.assertThat(document.get("status").asString())
			.as(entry + " status (error " + document.get("error") + ")")
			.isEqualTo("READY");
		if (entry.file().endsWith(".pdf") && entry.pages() != null) {
			softly.assertThat(document.get("pages").asInt()).as(entry + " pages").isEqualTo(entry.pages());
		}
	}

}
