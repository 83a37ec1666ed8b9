package io.scriptorium.api.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.scriptorium.api.system.TemporalAssertions;
import io.scriptorium.client.ApiException;
import io.scriptorium.client.Document;
import io.scriptorium.client.DocumentPage;
import io.scriptorium.client.ScriptoriumClient;
import io.scriptorium.client.Upload;
import io.scriptorium.client.UploadOptions;
import io.scriptorium.workflows.WorkflowIds;
import io.scriptorium.workflows.testing.TemporalTestNamespace;
import io.scriptorium.workflows.testing.TestDatabase;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Status, listing, chunks, delete and retry over HTTP against the real PostgreSQL and Temporal server. No worker
 * runs: where a test needs a run to have ended, it terminates the workflow and writes the row as the worker would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Timeout(120)
class DocumentsIT {

	static final TestDatabase database = TestDatabase.create();

	static final TemporalTestNamespace temporal = TemporalTestNamespace.create("api-documents");

	static final WorkflowClient workflows = temporal.newClient();

	static final Duration PROGRESS_QUERY_TIMEOUT = Duration.ofSeconds(2);

	@LocalServerPort
	int port;

	ScriptoriumClient api;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("spring.temporal.namespace", temporal::name);
		registry.add("scriptorium.documents.progress-query-timeout", PROGRESS_QUERY_TIMEOUT::toString);
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
	void uploadedDocumentIsPendingAtUploadWithNoCountsYet() throws Exception {
		UUID id = upload("status");

		Document document = this.api.document(id, false);

		assertThat(document.id()).isEqualTo(id);
		assertThat(document.status()).isEqualTo("PENDING");
		assertThat(document.stage()).isEqualTo("UPLOAD");
		assertThat(document.json().get("type").asString()).isEqualTo("TXT");
		assertThat(document.json().get("contentType").asString()).isEqualTo("text/plain");
		assertThat(document.json().get("pages").isNull()).isTrue();
		assertThat(document.json().get("chunks").isNull()).isTrue();
		assertThat(document.json().get("error").isNull()).isTrue();
		assertThat(document.json().get("warnings").isArray()).isTrue();
		assertThat(document.json().get("workflowId").asString()).isEqualTo("document-" + id);
		assertThat(document.json().get("updatedAt").isNull()).isFalse();
	}

	@Test
	void processingDocumentIsAnsweredFromTheDatabaseWithoutAskingItsWorkflow() throws Exception {
		UUID id = upload("processing-plain");
		sql("UPDATE documents SET status = 'PROCESSING', stage = 'EMBED' WHERE id = ?::uuid", id);

		Instant start = Instant.now();
		Document document = this.api.document(id, false);

		assertThat(document.status()).isEqualTo("PROCESSING");
		assertThat(document.stage()).isEqualTo("EMBED");
		assertThat(document.json().get("progress").isNull()).isTrue();
		// No worker runs here, so a progress query would wait out its whole timeout.
		assertThat(Duration.between(start, Instant.now())).isLessThan(PROGRESS_QUERY_TIMEOUT);
	}

	@Test
	void processingDocumentWhoseWorkflowDoesNotAnswerIsReportedWithoutProgress() throws Exception {
		UUID id = upload("processing");
		sql("UPDATE documents SET status = 'PROCESSING', stage = 'PARSE' WHERE id = ?::uuid", id);

		Instant start = Instant.now();
		Document document = this.api.document(id, true);
		Duration took = Duration.between(start, Instant.now());

		assertThat(document.status()).isEqualTo("PROCESSING");
		assertThat(document.json().get("progress").isNull()).isTrue();
		assertThat(took).isGreaterThanOrEqualTo(PROGRESS_QUERY_TIMEOUT.minusMillis(100))
			.isLessThan(PROGRESS_QUERY_TIMEOUT.plusSeconds(5));
	}

	@Test
	void failedDocumentShowsItsError() throws Exception {
		UUID id = upload("failed");
		sql("UPDATE documents SET status = 'FAILED', stage = 'PARSE', error_code = 'CORRUPT_DOCUMENT',"
				+ " error_message = 'broken xref', error_stage = 'PARSE' WHERE id = ?::uuid", id);

		Document document = this.api.document(id, false);

		assertThat(document.errorCode()).isEqualTo("CORRUPT_DOCUMENT");
		assertThat(document.errorMessage()).isEqualTo("broken xref");
		assertThat(document.json().get("error").get("stage").asString()).isEqualTo("PARSE");
	}

	/** The problem's wire format, which the client reads for its callers: asked here without it. */
	@Test
	void unknownDocumentIsNotFoundAsProblemDetail() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.api.base() + "/api/v1/documents/" + UUID.randomUUID()))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = JsonMapper.builder().build().readTree(response.body());
		assertThat(problem.get("code").asString()).isEqualTo("DOCUMENT_NOT_FOUND");
		assertThat(problem.get("status").asInt()).isEqualTo(404);
		assertThat(failure(() -> this.api.document(UUID.randomUUID(), false)).code()).isEqualTo("DOCUMENT_NOT_FOUND");
	}

	@Test
	void listPagesThroughEveryDocumentNewestFirstWithCursors() throws Exception {
		List<UUID> uploaded = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			uploaded.add(upload("list " + i));
		}
		DocumentPage all = this.api.documents(null, 100, null);
		List<UUID> expected = ids(all);
		assertThat(all.nextCursor()).isNull();
		assertThat(expected).containsAll(uploaded);
		List<UUID> newestFirst = new ArrayList<>(uploaded);
		Collections.reverse(newestFirst);
		assertThat(expected.subList(0, 5)).containsExactlyElementsOf(newestFirst);

		List<UUID> paged = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			DocumentPage page = this.api.documents(null, 2, cursor);
			assertThat(page.items().size()).isLessThanOrEqualTo(2);
			paged.addAll(ids(page));
			cursor = page.nextCursor();
			pages++;
		}
		while (cursor != null && pages < 100);

		assertThat(paged).containsExactlyElementsOf(expected);
	}

	@Test
	void listFiltersByStatus() throws Exception {
		UUID failed = upload("filter failed");
		upload("filter pending");
		sql("UPDATE documents SET status = 'CANCELLED' WHERE id = ?::uuid", failed);

		DocumentPage page = this.api.documents("cancelled", 20, null);

		assertThat(ids(page)).contains(failed);
		assertThat(page.items()).extracting(Document::status).containsOnly("CANCELLED");
	}

	@Test
	void listRejectsBadParameters() {
		assertThat(failure(() -> this.api.documents("DONE", 20, null)).code()).isEqualTo("INVALID_REQUEST");
		assertThat(failure(() -> this.api.documents(null, 0, null)).status()).isEqualTo(400);
		assertThat(failure(() -> this.api.documents(null, 101, null)).status()).isEqualTo(400);
		assertThat(failure(() -> this.api.documents(null, 20, "bm9wZQ")).code()).isEqualTo("INVALID_REQUEST");
	}

	@Test
	void chunksComeInOrderWithTheirTotal() throws Exception {
		UUID id = upload("chunks");
		for (int i = 2; i >= 0; i--) {
			sql("INSERT INTO chunks (document_id, chunk_index, page, text, token_count) VALUES (?::uuid, " + i + ", "
					+ (i + 1) + ", 'chunk " + i + "', 2)", id);
		}

		JsonNode all = this.api.chunks(id, 0, 50);
		JsonNode slice = this.api.chunks(id, 1, 1);

		assertThat(all.get("total").asLong()).isEqualTo(3);
		assertThat(all.get("items").size()).isEqualTo(3);
		assertThat(all.get("items").get(0).get("index").asInt()).isZero();
		assertThat(all.get("items").get(2).get("text").asString()).isEqualTo("chunk 2");
		assertThat(slice.get("total").asLong()).isEqualTo(3);
		assertThat(slice.get("items").size()).isEqualTo(1);
		assertThat(slice.get("items").get(0).get("index").asInt()).isEqualTo(1);
		assertThat(slice.get("items").get(0).get("page").asInt()).isEqualTo(2);
		assertThat(slice.get("items").get(0).get("text").asString()).isEqualTo("chunk 1");
	}

	@Test
	void chunksOfAnUnknownDocumentAreNotFound() {
		assertThat(failure(() -> this.api.chunks(UUID.randomUUID(), 0, 50)).code()).isEqualTo("DOCUMENT_NOT_FOUND");
	}

	@Test
	void deleteCancelsTheRunningWorkflowAndRemovesTheDocument() throws Exception {
		UUID id = upload("delete");
		sql("INSERT INTO chunks (document_id, chunk_index, page, text, token_count) VALUES (?::uuid, 0, 1, 'x', 1)",
				id);
		String workflowId = WorkflowIds.forDocument(id);

		this.api.delete(id);

		assertThat(TemporalAssertions.cancelRequested(workflows, workflowId)).isTrue();
		assertThat(failure(() -> this.api.document(id, false)).status()).isEqualTo(404);
		assertThat(count("SELECT count(*) FROM documents WHERE id = ?::uuid", id)).isZero();
		assertThat(count("SELECT count(*) FROM document_blobs WHERE document_id = ?::uuid", id)).isZero();
		assertThat(count("SELECT count(*) FROM chunks WHERE document_id = ?::uuid", id)).isZero();
		assertThat(failure(() -> this.api.delete(id)).code()).isEqualTo("DOCUMENT_NOT_FOUND");
	}

	@Test
	void deleteOfADocumentWhoseRunHasClosedSucceeds() throws Exception {
		UUID id = upload("delete closed");
		workflows.newUntypedWorkflowStub(WorkflowIds.forDocument(id)).terminate("test");
		sql("UPDATE documents SET status = 'READY', stage = 'DONE' WHERE id = ?::uuid", id);

		this.api.delete(id);

		assertThat(count("SELECT count(*) FROM documents WHERE id = ?::uuid", id)).isZero();
	}

	@Test
	void retryStartsANewRunOfAFailedDocument() throws Exception {
		UUID id = upload("retry");
		String workflowId = WorkflowIds.forDocument(id);
		String firstRun = TemporalAssertions.describe(workflows, workflowId).getExecution().getRunId();
		workflows.newUntypedWorkflowStub(workflowId).terminate("test: pretend the run failed");
		sql("UPDATE documents SET status = 'FAILED', stage = 'EMBED', error_code = 'EMBEDDING_FAILED',"
				+ " error_message = 'down', error_stage = 'EMBED' WHERE id = ?::uuid", id);

		Document retried = this.api.retry(id);

		assertThat(retried.id()).isEqualTo(id);
		assertThat(retried.status()).isEqualTo("PENDING");
		assertThat(retried.stage()).isEqualTo("UPLOAD");
		assertThat(retried.json().get("error").isNull()).isTrue();
		WorkflowExecutionDescription run = TemporalAssertions.describe(workflows, workflowId);
		assertThat(run.getExecution().getRunId()).isNotEqualTo(firstRun);
		assertThat(run.getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
	}

	@Test
	void retryOfADocumentThatHasNotFailedIsAConflict() throws Exception {
		UUID pending = upload("retry pending");
		UUID ready = upload("retry ready");
		workflows.newUntypedWorkflowStub(WorkflowIds.forDocument(ready)).terminate("test");
		sql("UPDATE documents SET status = 'READY', stage = 'DONE' WHERE id = ?::uuid", ready);

		ApiException forPending = failure(() -> this.api.retry(pending));
		ApiException forReady = failure(() -> this.api.retry(ready));

		assertThat(forPending.status()).isEqualTo(409);
		assertThat(forPending.code()).isEqualTo("INVALID_STATE");
		assertThat(forReady.status()).isEqualTo(409);
		assertThat(this.api.document(ready, false).status()).isEqualTo("READY");
	}

	@Test
	void retryWhileTheRunIsStillInFlightIsAConflict() throws Exception {
		UUID id = upload("retry in flight");
		sql("UPDATE documents SET status = 'FAILED' WHERE id = ?::uuid", id);

		sql("INSERT INTO chunks (document_id, chunk_index, page, text, token_count) VALUES (?::uuid, 0, 1, 'x', 1)",
				id);

		ApiException conflict = failure(() -> this.api.retry(id));

		assertThat(conflict.status()).isEqualTo(409);
		assertThat(conflict.code()).isEqualTo("INVALID_STATE");
		// Left as it was: a run still closing owns the row and its results.
		assertThat(this.api.document(id, false).status()).isEqualTo("FAILED");
		assertThat(count("SELECT count(*) FROM chunks WHERE document_id = ?::uuid", id)).isEqualTo(1);
	}

	@Test
	void retryOfAnUnknownDocumentIsNotFound() {
		assertThat(failure(() -> this.api.retry(UUID.randomUUID())).status()).isEqualTo(404);
	}

	private UUID upload(String text) throws Exception {
		Upload upload = this.api.upload("doc.txt", (text + " " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8),
				UploadOptions.NONE);
		assertThat(upload.started()).isTrue();
		return upload.document().id();
	}

	/** The call's refusal: an {@link ApiException} with the problem's status and code. */
	private static ApiException failure(ThrowingCallable call) {
		return catchThrowableOfType(ApiException.class, call);
	}

	private static List<UUID> ids(DocumentPage page) {
		return page.items().stream().map(Document::id).toList();
	}

	private static void sql(String sql, UUID id) throws Exception {
		try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, id.toString());
			statement.executeUpdate();
		}
	}

	private static long count(String sql, UUID id) throws Exception {
		try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, id.toString());
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

}
