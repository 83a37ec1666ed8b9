package io.scriptorium.api.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.scriptorium.api.system.TemporalAssertions;
import io.scriptorium.client.ApiException;
import io.scriptorium.client.ScriptoriumClient;
import io.scriptorium.client.Upload;
import io.scriptorium.client.UploadOptions;
import io.scriptorium.workflows.SearchAttributes;
import io.scriptorium.workflows.TaskQueues;
import io.scriptorium.workflows.WorkflowIds;
import io.scriptorium.workflows.testing.Corpus;
import io.scriptorium.workflows.testing.TemporalTestNamespace;
import io.scriptorium.workflows.testing.TestDatabase;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import java.net.URI;
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

	ScriptoriumClient api;

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
		this.api = new ScriptoriumClient(URI.create("http://127.0.0.1:" + this.port), null);
	}

	@Test
	void uploadStoresRowAndBlobAndStartsTheWorkflow() throws Exception {
		byte[] pdf = corpusFile("pdf-text-1p-memo-unstructured.pdf");

		Upload upload = this.api.upload("memo.pdf", pdf, UploadOptions.NONE);

		assertThat(upload.started()).isTrue();
		String id = upload.document().id().toString();
		assertThat(upload.location()).isEqualTo(URI.create("/api/v1/documents/" + id));
		assertThat(upload.document().status()).isEqualTo("PENDING");
		assertThat(upload.document().stage()).isEqualTo("UPLOAD");
		assertThat(upload.document().json().get("contentType").asString()).isEqualTo("application/pdf");
		assertThat(upload.document().json().get("sha256").asString()).isEqualTo(sha256(pdf));
		assertThat(upload.document().json().get("sizeBytes").asLong()).isEqualTo(pdf.length);
		assertThat(upload.document().json().get("workflowId").asString()).isEqualTo("document-" + id);
		assertThat(upload.document().json().get("createdAt").isNull()).isFalse();

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
		Upload first = this.api.upload("note.txt", text, UploadOptions.NONE);
		UUID id = first.document().id();
		String workflowId = WorkflowIds.forDocument(id);
		String firstRun = TemporalAssertions.describe(workflows, workflowId).getExecution().getRunId();

		Upload second = this.api.upload("renamed.md", text, UploadOptions.NONE);

		assertThat(first.started()).isTrue();
		assertThat(second.started()).isFalse();
		assertThat(second.location()).isNull();
		assertThat(second.document().id()).isEqualTo(id);
		assertThat(second.document().filename()).isEqualTo("note.txt");
		assertThat(TemporalAssertions.describe(workflows, workflowId).getExecution().getRunId()).isEqualTo(firstRun);
		assertThat(countDocuments(sha256(text))).isEqualTo(1);
	}

	@Test
	void concurrentUploadsOfTheSameBytesCreateOneDocument() throws Exception {
		byte[] text = ("Concurrent upload " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Callable<Upload>> uploads = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				uploads.add(() -> this.api.upload("same.txt", text, UploadOptions.NONE));
			}
			List<Upload> answers = new ArrayList<>();
			for (Future<Upload> future : pool.invokeAll(uploads)) {
				answers.add(future.get());
			}
			Set<UUID> ids = answers.stream().map(a -> a.document().id()).collect(Collectors.toSet());
			assertThat(ids).hasSize(1);
			assertThat(answers).extracting(Upload::started).containsOnly(true, false).contains(true);
			assertThat(countDocuments(sha256(text))).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void emptyFileIsRejectedWithEmptyDocumentAndStoresNothing() throws Exception {
		ApiException rejection = rejection("empty.pdf", new byte[0], UploadOptions.NONE);

		assertThat(rejection.status()).isEqualTo(400);
		assertThat(rejection.code()).isEqualTo("EMPTY_DOCUMENT");
		assertThat(countDocuments(sha256(new byte[0]))).isZero();
	}

	@Test
	void fileOverTheLimitIsRejectedWithDocumentTooLarge() throws Exception {
		byte[] big = new byte[1_500_000];
		System.arraycopy("%PDF-1.7".getBytes(StandardCharsets.US_ASCII), 0, big, 0, 8);

		ApiException rejection = rejection("big.pdf", big, UploadOptions.NONE);

		assertThat(rejection.status()).isEqualTo(413);
		assertThat(rejection.code()).isEqualTo("DOCUMENT_TOO_LARGE");
	}

	@Test
	void pngNamedPdfIsRejectedWithUnsupportedTypeWhateverItsDeclaredType() throws Exception {
		byte[] png = corpusFile("pdf-typelie-png-unstructured.pdf");

		ApiException rejection = rejection("pdf-typelie-png-unstructured.pdf", png, UploadOptions.NONE);

		assertThat(rejection.status()).isEqualTo(415);
		assertThat(rejection.code()).isEqualTo("UNSUPPORTED_TYPE");
		assertThat(countDocuments(sha256(png))).isZero();
	}

	@Test
	void passwordProtectedDocxIsRejectedWithEncryptedDocument() throws Exception {
		ApiException rejection = rejection("locked.docx", corpusFile("docx-encrypted-password-tika.docx"),
				UploadOptions.NONE);

		assertThat(rejection.status()).isEqualTo(422);
		assertThat(rejection.code()).isEqualTo("ENCRYPTED_DOCUMENT");
	}

	@Test
	void fileNameIsStoredWithoutItsPath() throws Exception {
		Upload upload = this.api.upload("../../etc/secret notes.txt",
				("path test " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8), UploadOptions.NONE);

		assertThat(upload.started()).isTrue();
		assertThat(upload.document().filename()).isEqualTo("secret notes.txt");
	}

	@Test
	void reprocessStartsANewRunAndDropsWhatTheLastRunDerived() throws Exception {
		byte[] text = ("Reprocess me " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
		String id = this.api.upload("again.txt", text, UploadOptions.NONE).document().id().toString();
		String workflowId = WorkflowIds.forDocument(UUID.fromString(id));
		String firstRun = TemporalAssertions.describe(workflows, workflowId).getExecution().getRunId();
		UploadOptions reprocess = UploadOptions.NONE.withReprocess(true);

		ApiException whileRunning = rejection("again.txt", text, reprocess);
		assertThat(whileRunning.status()).isEqualTo(409);
		assertThat(whileRunning.code()).isEqualTo("INVALID_STATE");

		finishAsReady(id, workflowId);
		Upload reprocessed = this.api.upload("again.txt", text, reprocess);

		assertThat(reprocessed.started()).isTrue();
		assertThat(reprocessed.document().id().toString()).isEqualTo(id);
		assertThat(reprocessed.document().status()).isEqualTo("PENDING");
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

		ApiException unknown = rejection("scan.txt", text, UploadOptions.NONE.withOcrLanguage("deu+fra"));
		ApiException malformed = rejection("scan.txt", text, UploadOptions.NONE.withOcrLanguage("../eng"));
		Upload known = this.api.upload("scan.txt", text, UploadOptions.NONE.withOcrLanguage("deu+eng"));

		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.code()).isEqualTo("OCR_LANGUAGE_UNKNOWN");
		assertThat(unknown.getMessage()).contains("fra").contains("deu, eng");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.code()).isEqualTo("OCR_LANGUAGE_UNKNOWN");
		// Refused at the door: the same bytes are then new, not a document already stored.
		assertThat(known.started()).isTrue();
		assertThat(this.api.document(known.document().id(), false).json().get("ocrLanguage").asString())
			.isEqualTo("deu+eng");
	}

	/** The upload's refusal: an {@link ApiException} with the problem's status and code. */
	private ApiException rejection(String filename, byte[] content, UploadOptions options) {
		return catchThrowableOfType(ApiException.class, () -> this.api.upload(filename, content, options));
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
