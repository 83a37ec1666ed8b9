package io.scriptorium.workflows.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scriptorium.workflows.SearchAttributes;
import io.scriptorium.workflows.TaskQueues;
import io.scriptorium.workflows.chunking.ChunkingResult;
import io.scriptorium.workflows.document.DocumentStatus;
import io.scriptorium.workflows.document.DocumentType;
import io.scriptorium.workflows.document.Stage;
import io.scriptorium.workflows.document.Warning;
import io.scriptorium.workflows.failure.ErrorCode;
import io.scriptorium.workflows.failure.Failures;
import io.scriptorium.workflows.failure.IngestionError;
import io.scriptorium.workflows.parsing.ParseResult;
import io.scriptorium.workflows.testing.TemporalTestNamespace;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ingestion workflow on the real Temporal dev server, with the production start options and task queues, and
 * fake activities. With {@code -Dscriptorium.histories.record=true} it also writes the runs' histories to
 * {@code src/test/resources/histories/} for {@link IngestionWorkflowReplayTest}; record them again whenever the
 * workflow changes shape on purpose.
 */
@Timeout(120)
class IngestionWorkflowIT {

	private static final boolean RECORD = Boolean.getBoolean("scriptorium.histories.record");

	private static TemporalTestNamespace namespace;

	private static WorkflowClient client;

	private WorkerFactory workers;

	@BeforeAll
	static void createNamespace() {
		namespace = TemporalTestNamespace.create("ingestion-it");
		client = namespace.newClient();
	}

	@AfterEach
	void stopWorkers() throws InterruptedException {
		if (this.workers != null) {
			this.workers.shutdownNow();
			this.workers.awaitTermination(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void fourHundredPagePdfEndsReadyWithASmallHistory() throws IOException {
		FakeActivities fakes = new FakeActivities().parses(new ParseResult(400, 400, 1_600_000, 0, 0))
			.chunks(new ChunkingResult(2_000, 64, 4))
			.embedsFor(5);
		startWorkers(fakes);
		IngestionRequest request = request("handbook.pdf", DocumentType.PDF);

		IngestionResult result = newWorkflow(request).ingest(request);

		assertThat(result.status()).isEqualTo(DocumentStatus.READY);
		assertThat(result.pages()).isEqualTo(400);
		assertThat(result.chunks()).isEqualTo(2_000);
		assertThat(fakes.count("embedChunks")).isEqualTo(32);
		assertThat(fakes.maxEmbedsInFlight()).isLessThanOrEqualTo(4);
		assertThat(documentStatusOf(request)).isEqualTo("READY");
		WorkflowExecutionHistory history = record(request, "ingestion-ready-pdf.json");
		assertThat(history.getEvents()).hasSizeLessThan(300);
	}

	@Test
	void scanIsReadByTheOcrWorkerAndEndsReady() throws IOException {
		FakeActivities fakes = new FakeActivities().parses(new ParseResult(20, 0, 0, 0, 20));
		startWorkers(fakes);
		IngestionRequest request = request("scan.pdf", DocumentType.PDF);

		IngestionResult result = newWorkflow(request).ingest(request);

		assertThat(result.status()).isEqualTo(DocumentStatus.READY);
		assertThat(result.warnings()).containsExactly(Warning.OCR_APPLIED);
		assertThat(fakes.count("recognizePages")).isEqualTo(4);
		record(request, "ingestion-ready-ocr.json");
	}

	@Test
	void docxIsConvertedByTheOfficeWorkerAndEndsReady() throws IOException {
		FakeActivities fakes = new FakeActivities();
		startWorkers(fakes);
		IngestionRequest request = request("minutes.docx", DocumentType.DOCX);

		IngestionResult result = newWorkflow(request).ingest(request);

		assertThat(result.status()).isEqualTo(DocumentStatus.READY);
		assertThat(fakes.calls()).startsWith("recordStage CONVERT", "convertToPdf on " + TaskQueues.OFFICE);
		assertThat(documentStatusOf(request)).isEqualTo("READY");
		record(request, "ingestion-ready-docx.json");
	}

	@Test
	void corruptPdfEndsFailedAndTheRunFailsWithTheCode() throws IOException {
		IngestionRequest request = request("broken.pdf", DocumentType.PDF);
		FakeActivities fakes = new FakeActivities().failsAlways("extractText",
				() -> Failures.nonRetryable(ErrorCode.CORRUPT_DOCUMENT, request.ref(), "not a PDF file"));
		startWorkers(fakes);

		assertThatThrownBy(() -> newWorkflow(request).ingest(request)).isInstanceOf(WorkflowFailedException.class)
			.cause()
			.isInstanceOfSatisfying(ApplicationFailure.class,
					(failure) -> assertThat(failure.getType()).isEqualTo("CORRUPT_DOCUMENT"));

		assertThat(fakes.failure()).isEqualTo(
				new IngestionError(ErrorCode.CORRUPT_DOCUMENT, "'broken.pdf': not a PDF file", Stage.PARSE));
		assertThat(describe(request).getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED);
		assertThat(documentStatusOf(request)).isEqualTo("FAILED");
		record(request, "ingestion-failed-corrupt.json");
	}

	@Test
	void cancelledRunMarksTheDocumentCancelled() throws Exception {
		FakeActivities fakes = new FakeActivities().parsingHangs();
		startWorkers(fakes);
		IngestionRequest request = request("report.pdf", DocumentType.PDF);
		IngestionWorkflow workflow = newWorkflow(request);
		WorkflowClient.start(workflow::ingest, request);
		assertThat(fakes.awaitParsingStarted()).isTrue();

		WorkflowStub.fromTyped(workflow).cancel();

		assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(IngestionResult.class))
			.isInstanceOf(WorkflowFailedException.class)
			.hasCauseInstanceOf(CanceledFailure.class);
		assertThat(fakes.calls()).contains("markCancelled");
		assertThat(describe(request).getStatus())
			.isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
		assertThat(documentStatusOf(request)).isEqualTo("CANCELLED");
		record(request, "ingestion-cancelled.json");
	}

	private void startWorkers(FakeActivities fakes) {
		this.workers = WorkerFactory.newInstance(client);
		this.workers.newWorker(TaskQueues.INGESTION).registerWorkflowImplementationTypes(IngestionWorkflowImpl.class);
		this.workers.getWorker(TaskQueues.INGESTION).registerActivitiesImplementations(fakes.ingestion());
		this.workers.newWorker(TaskQueues.OFFICE).registerActivitiesImplementations(fakes.office());
		this.workers.newWorker(TaskQueues.OCR).registerActivitiesImplementations(fakes.ocr(0));
		this.workers.start();
	}

	private static IngestionRequest request(String filename, DocumentType type) {
		return new IngestionRequest(UUID.randomUUID(), filename, type, 48_213);
	}

	private static IngestionWorkflow newWorkflow(IngestionRequest request) {
		return client.newWorkflowStub(IngestionWorkflow.class, IngestionWorkflowOptions.forRequest(request));
	}

	private static WorkflowExecutionDescription describe(IngestionRequest request) {
		return client.newUntypedWorkflowStub(workflowId(request)).describe();
	}

	private static String documentStatusOf(IngestionRequest request) {
		return describe(request).getTypedSearchAttributes().get(SearchAttributes.DOCUMENT_STATUS);
	}

	private static String workflowId(IngestionRequest request) {
		return IngestionWorkflowOptions.forRequest(request).getWorkflowId();
	}

	private static WorkflowExecutionHistory record(IngestionRequest request, String file) throws IOException {
		WorkflowExecutionHistory history = client.fetchHistory(workflowId(request));
		if (RECORD) {
			Path directory = Path.of(System.getProperty("basedir", "."), "src/test/resources/histories");
			Files.createDirectories(directory);
			Files.writeString(directory.resolve(file), history.toJson(true));
		}
		return history;
	}

}
