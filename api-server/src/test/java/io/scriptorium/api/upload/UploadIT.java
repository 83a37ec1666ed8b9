package io.scriptorium.api.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.scriptorium.api.system.ApiClient;
import io.scriptorium.api.system.ApiClient.Response;
import io.scriptorium.api.system.TemporalAssertions;
import io.scriptorium.workflows.SearchAttributes;
import io.scriptorium.workflows.TaskQueues;
import io.scriptorium.workflows.WorkflowIds;
import io.scriptorium.workflows.testing.Corpus;
import io.scriptorium.workflows.testing.TemporalTestNamespace;
import io.scriptorium.workflows.testing.TestDatabase;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Uploads over HTTP against the real PostgreSQL and Temporal server. No worker runs: the workflow's start is seen
 * by describing {@code document-{id}}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "scriptorium.upload.max-size=1MB")
@Timeout(120)
class UploadIT {

	static final TestDatabase database = TestDatabase.create();

	static final TemporalTestNamespace temporal = TemporalTestNamespace.create("api-upload");

	static final WorkflowClient workflows = temporal.newClient();

	@LocalServerPort
	int port;

	ApiClient api;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("spring.temporal.namespace", temporal::name);
	}

	@AfterAll
	static void dropDatabase() {
		database.drop();
	}

	@BeforeEach
	void client() {
		this.api = ApiClient.onPort(this.port);
	}

	@Test
	void uploadStoresRowAndBlobAndStartsTheWorkflow() throws Exception {
		byte[] pdf = corpusFile("pdf-text-1p-memo-unstructured.pdf");

		Response response = this.api.upload("memo.pdf", pdf);

		assertThat(response.status()).isEqualTo(202);
		String id = response.json().get("id").asString();
		assertThat(response.location()).isEqualTo("/api/v1/documents/" + id);
		assertThat(response.json().get("status").asString()).isEqualTo("PENDING");
		assertThat(response.json().get("stage").asString()).isEqualTo("UPLOAD");
		assertThat(response.json().get("contentType").asString()).isEqualTo("application/pdf");
		assertThat(response.json().get("sha256").asString()).isEqualTo(sha256(pdf));
		assertThat(response.json().get("sizeBytes").asLong()).isEqualTo(pdf.length);
		assertThat(response.json().get("workflowId").asString()).isEqualTo("document-" + id);
		assertThat(response.json().get("createdAt").isNull()).isFalse();

		try (Connection connection = database.connect()) {
			assertThat(queryString(connection, "SELECT status FROM documents WHERE id = ?::uuid", id))
				.isEqualTo("PENDING");
			assertThat(queryString(connection, "SELECT content_type FROM documents WHERE id = ?::uuid", id))
				.isEqualTo("PDF");
			PreparedStatement blob = connection.prepareStatement(
					"SELECT content, size_bytes FROM document_blobs WHERE document_id = ?::uuid AND kind = 'ORIGINAL'");
			blob.setString(1, id);
			ResultSet rs = blob.executeQuery();
			assertThat(rs.next()).isTrue();
			assertThat(rs.getBytes("content")).isEqualTo(pdf);
			assertThat(rs.getLong("size_bytes")).isEqualTo(pdf.length);
		}

		WorkflowExecutionDescription workflow = TemporalAssertions.describe(workflows,
				WorkflowIds.forDocument(UUID.fromString(id)));
		assertThat(workflow.getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
		assertThat(workflow.getWorkflowType()).isEqualTo("IngestionWorkflow");
		assertThat(workflow.getTaskQueue()).isEqualTo(TaskQueues.INGESTION);
		assertThat(workflow.getTypedSearchAttributes().get(SearchAttributes.DOCUMENT_ID)).isEqualTo(id);
		assertThat(workflow.getTypedSearchAttributes().get(SearchAttributes.CONTENT_TYPE)).isEqualTo("PDF");
		assertThat(workflow.getTypedSearchAttributes().get(SearchAttributes.DOCUMENT_STATUS)).isEqualTo("PENDING");
	}

	@Test
	void sameBytesUploadedTwiceReturnTheSameDocumentWithoutASecondRun() throws Exception {
		byte[] text = "A short note about sourdough starters.\n".getBytes(StandardCharsets.UTF_8);
		Response first = this.api.upload("note.txt", text);
		String id = first.json().get("id").asString();
		String workflowId = WorkflowIds.forDocument(UUID.fromString(id));
		String firstRun = TemporalAssertions.describe(workflows, workflowId).getExecution().getRunId();

		Response second = this.api.upload("renamed.md", text);

		assertThat(first.status()).isEqualTo(202);
		assertThat(second.status()).isEqualTo(200);
		assertThat(second.json().get("id").asString()).isEqualTo(id);
		assertThat(second.json().get("filename").asString()).isEqualTo("note.txt");
		assertThat(TemporalAssertions.describe(workflows, workflowId).getExecution().getRunId()).isEqualTo(firstRun);
		assertThat(countDocuments(sha256(text))).isEqualTo(1);
	}

	@Test
	void concurrentUploadsOfTheSameBytesCreateOneDocument() throws Exception {
		byte[] text = ("Concurrent upload " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Callable<Response>> uploads = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				uploads.add(() -> this.api.upload("same.txt", text));
			}
			List<Response> responses = new ArrayList<>();
			for (Future<Response> future : pool.invokeAll(uploads)) {
				responses.add(future.get());
			}
			Set<String> ids = responses.stream().map(r -> r.json().get("id").asString()).collect(Collectors.toSet());
			assertThat(ids).hasSize(1);
			assertThat(responses).extracting(Response::status).containsOnly(200, 202).contains(202);
			assertThat(countDocuments(sha256(text))).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void emptyFileIsRejectedWithEmptyDocumentAndStoresNothing() throws Exception {
		Response response = this.api.upload("empty.pdf", new byte[0]);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.code()).isEqualTo("EMPTY_DOCUMENT");
		assertThat(countDocuments(sha256(new byte[0]))).isZero();
	}

	@Test
	void fileOverTheLimitIsRejectedWithDocumentTooLarge() {
		byte[] big = new byte[1_500_000];
		System.arraycopy("%PDF-1.7".getBytes(StandardCharsets.US_ASCII), 0, big, 0, 8);

		Response response = this.api.upload("big.pdf", big);

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.code()).isEqualTo("DOCUMENT_TOO_LARGE");
	}

	@Test
	void pngNamedPdfIsRejectedWithUnsupportedTypeWhateverItsDeclaredType() throws Exception {
		byte[] png = corpusFile("pdf-typelie-png-unstructured.pdf");

		Response response = this.api.upload("pdf-typelie-png-unstructured.pdf", png);

		assertThat(response.status()).isEqualTo(415);
		assertThat(response.code()).isEqualTo("UNSUPPORTED_TYPE");
		assertThat(countDocuments(sha256(png))).isZero();
	}

	@Test
	void passwordProtectedDocxIsRejectedWithEncryptedDocument() throws Exception {
		Response response = this.api.upload("locked.docx", corpusFile("docx-encrypted-password-tika.docx"));

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.code()).isEqualTo("ENCRYPTED_DOCUMENT");
	}

	@Test
	void fileNameIsStoredWithoutItsPath() {
		Response response = this.api.upload("../../etc/secret notes.txt",
				("path test " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));

		assertThat(response.status()).isEqualTo(202);
		assertThat(response.json().get("filename").asString()).isEqualTo("secret notes.txt");
	}

	@Test
	void requestWithoutAFilePartIsAnInvalidRequest() {
		Response response = this.api.upload("document", "notes.txt", "words".getBytes(StandardCharsets.UTF_8), null);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.code()).isEqualTo("INVALID_REQUEST");
	}

	@Test
	void reprocessStartsANewRunAndDropsWhatTheLastRunDerived() throws Exception {
		byte[] text = ("Reprocess me " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
		String id = this.api.upload("again.txt", text).json().get("id").asString();
		String workflowId = WorkflowIds.forDocument(UUID.fromString(id));
		String firstRun = TemporalAssertions.describe(workflows, workflowId).getExecution().getRunId();

		Response whileRunning = this.api.upload("again.txt", text, "reprocess=true");
		assertThat(whileRunning.status()).isEqualTo(409);
		assertThat(whileRunning.code()).isEqualTo("INVALID_STATE");

		finishAsReady(id, workflowId);
		Response reprocessed = this.api.upload("again.txt", text, "reprocess=true");

		assertThat(reprocessed.status()).isEqualTo(202);
		assertThat(reprocessed.json().get("id").asString()).isEqualTo(id);
		assertThat(reprocessed.json().get("status").asString()).isEqualTo("PENDING");
		WorkflowExecutionDescription run = TemporalAssertions.describe(workflows, workflowId);
		assertThat(run.getExecution().getRunId()).isNotEqualTo(firstRun);
		assertThat(run.getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
		try (Connection connection = database.connect()) {
			assertThat(queryString(connection, "SELECT count(*)::text FROM chunks WHERE document_id = ?::uuid", id))
				.isEqualTo("0");
			assertThat(queryString(connection,
					"SELECT count(*)::text FROM document_pages WHERE document_id = ?::uuid", id)).isEqualTo("0");
			assertThat(queryString(connection,
					"SELECT string_agg(kind, ',') FROM document_blobs WHERE document_id = ?::uuid", id))
				.isEqualTo("ORIGINAL");
			assertThat(queryString(connection, "SELECT coalesce(pages, -1)::text FROM documents WHERE id = ?::uuid",
					id)).isEqualTo("-1");
		}
	}

	@Test
	void anOcrLanguageIsKeptWhenAnOcrWorkerHasItAndRefusedOtherwise() throws Exception {
		try (Connection connection = database.connect()) {
			execute(connection, "INSERT INTO ocr_languages (language) VALUES (?), ('eng') ON CONFLICT DO NOTHING", "deu");
		}
		byte[] text = ("A scan's language " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);

		Response unknown = this.api.upload("scan.txt", text, "language=deu+fra");
		Response malformed = this.api.upload("scan.txt", text, "language=../eng");
		Response known = this.api.upload("scan.txt", text, "language=deu+eng");

		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.code()).isEqualTo("OCR_LANGUAGE_UNKNOWN");
		assertThat(unknown.json().get("detail").asString()).contains("fra").contains("deu, eng");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.code()).isEqualTo("OCR_LANGUAGE_UNKNOWN");
		// Refused at the door: the same bytes are then new, not a document already stored.
		assertThat(known.status()).isEqualTo(202);
		String id = known.json().get("id").asString();
		assertThat(this.api.get("/api/v1/documents/" + id).json().get("ocrLanguage").asString()).isEqualTo("deu+eng");
	}

	/** What a worker would leave behind: the run closed, the row READY with pages, chunks and a PDF. */
	private static void finishAsReady(String id, String workflowId) throws Exception {
		workflows.newUntypedWorkflowStub(workflowId).terminate("test: pretend the run finished");
		try (Connection connection = database.connect()) {
			execute(connection, "UPDATE documents SET status = 'READY', stage = 'DONE', pages = 1, chunks = 1"
					+ " WHERE id = ?::uuid", id);
			execute(connection, "INSERT INTO document_pages (document_id, page, text) VALUES (?::uuid, 1, 'p')", id);
			execute(connection, "INSERT INTO chunks (document_id, chunk_index, page, text, token_count)"
					+ " VALUES (?::uuid, 0, 1, 'c', 1)", id);
			execute(connection, "INSERT INTO document_blobs (document_id, kind, content, size_bytes)"
					+ " VALUES (?::uuid, 'PDF', '\\x25504446'::bytea, 4)", id);
		}
	}

	private static byte[] corpusFile(String name) throws Exception {
		return Files.readAllBytes(Corpus.root().resolve(name));
	}

	private static String sha256(byte[] content) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
	}

	private static long countDocuments(String sha256) throws Exception {
		try (Connection connection = database.connect()) {
			return Long.parseLong(queryString(connection, "SELECT count(*)::text FROM documents WHERE sha256 = ?",
					sha256));
		}
	}

	private static String queryString(Connection connection, String sql, String param) throws Exception {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, param);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next() ? rs.getString(1) : null;
			}
		}
	}

	private static void execute(Connection connection, String sql, String param) throws Exception {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, param);
			statement.executeUpdate();
		}
	}

}
