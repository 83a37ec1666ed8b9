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
import io.scriptorium.workflows.ocr.OcrResult;
import io.scriptorium.workflows.parsing.ParseResult;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The orchestration on the in-memory, time-skipping test server: which activities run, in which order, on which
 * task queue, and how each kind of failure ends the document. Fake activities steer the branches.
 */
@Timeout(60)
class IngestionWorkflowTest {

	private static final Map<String, IndexedValueType> SEARCH_ATTRIBUTES = Map.of(
			SearchAttributes.DOCUMENT_ID.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
			SearchAttributes.DOCUMENT_STATUS.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
			SearchAttributes.CONTENT_TYPE.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);

	@RegisterExtension
	static final TestWorkflowExtension temporal = withSearchAttributes(TestWorkflowExtension.newBuilder())
		.registerWorkflowImplementationTypes(IngestionWorkflowImpl.class)
		.setDoNotStart(true)
		.build();

	static final UUID DOCUMENT_ID = UUID.fromString("5b0c9d56-7f0e-4c43-9a4e-0c1f3f6b8a11");

	static final IngestionRequest PDF = new IngestionRequest(DOCUMENT_ID, "report.pdf", DocumentType.PDF, 48_213);

	static final IngestionRequest DOCX = new IngestionRequest(DOCUMENT_ID, "minutes.docx", DocumentType.DOCX, 21_004);

	static final IngestionRequest TXT = new IngestionRequest(DOCUMENT_ID, "notes.txt", DocumentType.TXT, 1_310);

	private final FakeActivities fakes = new FakeActivities();

	@Test
	void pdfIsParsedChunkedEmbeddedAndIndexedWithoutConversion(TestWorkflowEnvironment env, Worker worker) {
		IngestionWorkflow workflow = startWorkers(env, worker, PDF);

		IngestionResult result = workflow.ingest(PDF);

		assertThat(result).isEqualTo(new IngestionResult(DocumentStatus.READY, 3, 10, List.of(), null));
		// Parsing chunks in the same activity (no CHUNK stage of its own); the batches are published after them all.
		assertThat(this.fakes.calls()).filteredOn((call) -> !call.startsWith("embedChunks"))
			.containsExactly("recordStage PARSE", "extractText", "chunkText", "recordStage EMBED", "recordStage INDEX",
					"publishChunks", "markReady pages=3 chunks=10 warnings=[]");
		assertThat(activitiesScheduled(env, workflow)).containsExactly("ExtractAndChunkText", "EmbedChunks",
				"EmbedChunks", "EmbedChunks", "EmbedChunks", "PublishChunks");
		// The row's updates are local activities: no trip through a task queue for one UPDATE.
		assertThat(this.fakes.statusUpdatesThroughATaskQueue()).isZero();
		assertThat(this.fakes.count("convertToPdf")).isZero();
		assertThat(workflow.progress()).isEqualTo(new Progress(DocumentStatus.READY, Stage.DONE, 3, 10, 10));
		assertThat(documentStatusOf(workflow)).isEqualTo("READY");
	}

	/** Two activities in all for a document embedded in one batch, which publishes it too. */
	@Test
	void aShortDocumentIsParsedAndChunkedInOneActivityAndEmbeddedAndPublishedInAnother(TestWorkflowEnvironment env,
			Worker worker) {
		this.fakes.chunks(new ChunkingResult(2, 64, 2));
		IngestionWorkflow workflow = startWorkers(env, worker, PDF);

		IngestionResult result = workflow.ingest(PDF);

		assertThat(result).isEqualTo(new IngestionResult(DocumentStatus.READY, 3, 2, List.of(), null));
		assertThat(this.fakes.calls()).containsExactly("recordStage PARSE", "extractText", "chunkText",
				"recordStage EMBED", "embedChunks [0, 2)", "publishChunks", "markReady pages=3 chunks=2 warnings=[]");
		assertThat(activitiesScheduled(env, workflow)).containsExactly("ExtractAndChunkText",
				"EmbedAndPublishChunks");
		assertThat(workflow.progress()).isEqualTo(new Progress(DocumentStatus.READY, Stage.DONE, 3, 2, 2));
	}

	@Test
	void docxIsConvertedOnTheOfficeQueueBeforeParsing(TestWorkflowEnvironment env, Worker worker) {
		IngestionWorkflow workflow = startWorkers(env, worker, DOCX);

		IngestionResult result = workflow.ingest(DOCX);

		assertThat(result.status()).isEqualTo(DocumentStatus.READY);
		assertThat(this.fakes.calls()).startsWith("recordStage CONVERT", "convertToPdf on " + TaskQueues.OFFICE,
				"recordStage PARSE", "extractText");
		assertThat(documentStatusOf(workflow)).isEqualTo("READY");
	}

	@Test
	void textFileSkipsConversionAndIsReadyWithZeroPages(TestWorkflowEnvironment env, Worker worker) {
		this.fakes.parses(new ParseResult(0, 1, 300, 0, 0)).chunks(new ChunkingResult(2, 64, 4));
		IngestionWorkflow workflow = startWorkers(env, worker, TXT);

		IngestionResult result = workflow.ingest(TXT);

		assertThat(result).isEqualTo(new IngestionResult(DocumentStatus.READY, 0, 2, List.of(), null));
		assertThat(this.fakes.count("convertToPdf")).isZero();
		assertThat(this.fakes.calls()).contains("embedChunks [0, 2)", "markReady pages=0 chunks=2 warnings=[]");
	}

	@Test
	void chunksAreEmbeddedInTheWorkersBatchesWithBoundedParallelism(TestWorkflowEnvironment env, Worker worker) {
		this.fakes.chunks(new ChunkingResult(10, 3, 2)).embedsFor(300);
		IngestionWorkflow workflow = startWorkers(env, worker, PDF);

		workflow.ingest(PDF);

		assertThat(this.fakes.calls()).filteredOn((call) -> call.startsWith("embedChunks"))
			.containsExactlyInAnyOrder("embedChunks [0, 3)", "embedChunks [3, 6)", "embedChunks [6, 9)",
					"embedChunks [9, 10)");
		assertThat(this.fakes.maxEmbedsInFlight()).isEqualTo(2);
		assertThat(workflow.progress().chunksEmbedded()).isEqualTo(10);
	}

	@Test
	void pdfWithSkippedPagesIsReadyWithTheWarning(TestWorkflowEnvironment env, Worker worker) {
		this.fakes.parses(new ParseResult(5, 4, 8_000, 1, 0));
		IngestionWorkflow workflow = startWorkers(env, worker, PDF);

		IngestionResult result = workflow.ingest(PDF);

		assertThat(result.status()).isEqualTo(DocumentStatus.READY);
		assertThat(result.warnings()).containsExactly(Warning.PAGES_SKIPPED);
		assertThat(this.fakes.calls()).last().asString().endsWith("warnings=[PAGES_SKIPPED]");
	}

	@Test
	void pdfWithoutTextLayerIsReadyWithNoChunksAndAWarning(TestWorkflowEnvironment env, Worker worker) {
		this.fakes.parses(new ParseResult(5, 0, 0, 0, 0));
		IngestionWorkflow workflow = startWorkers(env, worker, PDF);

		IngestionResult result = workflow.ingest(PDF);

		assertThat(result)
			.isEqualTo(new IngestionResult(DocumentStatus.READY, 5, 0, List.of(Warning.NO_TEXT_LAYER), null));
		assertThat(this.fakes.calls()).containsExactly("recordStage PARSE", "extractText",
				"markReady pages=5 chunks=0 warnings=[NO_TEXT_LAYER]");
		assertThat(documentStatusOf(workflow)).isEqualTo("READY");
	}

	@Test
	void scannedPagesAreReadByOcrInBoundedBatchesOnTheOcrQueueBeforeChunking(TestWorkflowEnvironment env,
			Worker worker) {
		this.fakes.parses(new ParseResult(12, 2, 900, 0, 10));
		env.newWorker(TaskQueues.OCR).registerActivitiesImplementations(this.fakes.ocr(1));
		IngestionWorkflow workflow = startWorkers(env, worker, PDF);

		IngestionResult result = workflow.ingest(PDF);

		assertThat(result.status()).isEqualTo(DocumentStatus.READY);
		assertThat(result.warnings()).containsExactly(Warning.OCR_APPLIED, Warning.OCR_LOW_CONFIDENCE);
		assertThat(this.fakes.calls()).containsSubsequence("extractText", "recordStage OCR",
				"recognizePages 0-3 on " + TaskQueues.OCR, "recordStage CHUNK");
		assertThat(this.fakes.calls()).contains("recognizePages 3-6 on " + TaskQueues.OCR,
				"recognizePages 6-9 on " + TaskQueues.OCR, "recognizePages 9-10 on " + TaskQueues.OCR);
	}

	@Test
	void scansWhereOcrFindsNoTextAreReadyWithNoChunks(TestWorkflowEnvironment env, Worker worker) {
		this.fakes.parses(new ParseResult(1, 0, 0, 0, 1));
		env.newWorker(TaskQueues.OCR).registerActivitiesImplementations(
				(io.scriptorium.workflows.ocr.OcrActivities) (document, from, to) -> new OcrResult(1, 0, 0));
		IngestionWorkflow workflow = startWorkers(env, worker, PDF);

		IngestionResult result = workflow.ingest(PDF);

		assertThat(result.warnings()).containsExactly(Warning.OCR_APPLIED, Warning.NO_TEXT_LAYER);
		assertThat(result.chunks()).isZero();
	}

	@Test
	void aScanWithoutAnOcrWorkerEndsFailedWithOcrFailedAfterABoundedWait() {
		WorkflowImplementationOptions shortOcr = WorkflowImplementationOptions.newBuilder()
			.setActivityOptions(Map.of("RecognizePages",
					ActivityOptions.newBuilder().setScheduleToCloseTimeout(Duration.ofSeconds(2)).build()))
			.build();
		this.fakes.parses(new ParseResult(2, 0, 0, 0, 2));
		TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
		try {
			SEARCH_ATTRIBUTES.forEach(env::registerSearchAttribute);
			Worker worker = env.newWorker(TaskQueues.INGESTION);
			worker.registerWorkflowImplementationTypes(shortOcr, IngestionWorkflowImpl.class);
			worker.registerActivitiesImplementations(this.fakes.ingestion());
			env.start();
			IngestionWorkflow workflow = newWorkflow(env, worker, PDF);

			assertThatThrownBy(() -> workflow.ingest(PDF)).isInstanceOf(WorkflowFailedException.class);

			IngestionError error = this.fakes.failure();
			assertThat(error.code()).isEqualTo(ErrorCode.OCR_FAILED);
			assertThat(error.stage()).isEqualTo(Stage.OCR);
			assertThat(error.message()).startsWith("'report.pdf': ocr timed out").contains("OCR worker");
			assertThat(this.fakes.calls()).contains("recordStage OCR").doesNotContain("recordStage CHUNK");
		}
		finally {
			env.close();
		}
	}

	@Test
	void ocrRunsOnTheOcrQueueWithABoundedWait() {
		ActivityOptions ocr = IngestionActivityOptions.ocr();

		assertThat(ocr.getTaskQueue()).isEqualTo(TaskQueues.OCR);
		assertThat(ocr.getScheduleToCloseTimeout()).isNotNull().isPositive();
		assertThat(ocr.getHeartbeatTimeout()).isNotNull().isPositive();
	}

	@Test
	void corruptDocumentFailsAtParseWithoutRetry(TestWorkflowEnvironment env, Worker worker) {
		this.fakes.failsAlways("extractText", () -> Failures.nonRetryable(ErrorCode.CORRUPT_DOCUMENT,
				PDF.ref(), "not a PDF file"));
		IngestionWorkflow workflow = startWorkers(env, worker, PDF);

		assertThatThrownBy(() -> workflow.ingest(PDF))
			.isInstanceOf(WorkflowFailedException.class)
			.cause()
			.isInstanceOfSatisfying(ApplicationFailure.class, (failure) -> {
				assertThat(failure.getType()).isEqualTo("CORRUPT_DOCUMENT");
				assertThat(failure.isNonRetryable()).isTrue();
			});

		assertThat(this.fakes.failure()).isEqualTo(
				new IngestionError(ErrorCode.CORRUPT_DOCUMENT, "'report.pdf': not a PDF file", Stage.PARSE));
		assertThat(this.fakes.count("extractText")).isEqualTo(1);
		assertThat(this.fakes.count("chunkText")).isZero();
		assertThat(describe(workflow).getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED);
		assertThat(documentStatusOf(workflow)).isEqualTo("FAILED");
		assertThat(workflow.progress().status()).isEqualTo(DocumentStatus.FAILED);
	}

	@Test
	void retryableFailureThatPassesOnTheSecondAttemptEndsReady(TestWorkflowEnvironment env, Worker worker) {
		this.fakes.fails("embedChunks", 1, () -> Failures.retryable(ErrorCode.EMBEDDING_FAILED,
				PDF.ref(), "model busy", null));
		IngestionWorkflow workflow = startWorkers(env, worker, PDF);

		IngestionResult result = workflow.ingest(PDF);

		assertThat(result.status()).isEqualTo(DocumentStatus.READY);
		assertThat(this.fakes.count("embedChunks")).isEqualTo(5);
		assertThat(this.fakes.count("markFailed")).isZero();
	}

	@Test
	void embeddingThatKeepsFailingEndsFailedWithEmbeddingFailedAfterBoundedAttempts(TestWorkflowEnvironment env,
			Worker worker) {
		this.fakes.chunks(new ChunkingResult(2, 64, 1))
			.failsAlways("embedChunks", () -> new IllegalStateException("connection refused"));
		IngestionWorkflow workflow = startWorkers(env, worker, PDF);

		assertThatThrownBy(() -> workflow.ingest(PDF))
			.isInstanceOf(WorkflowFailedException.class)
			.cause()
			.isInstanceOfSatisfying(ApplicationFailure.class,
					(failure) -> assertThat(failure.getType()).isEqualTo("EMBEDDING_FAILED"));

		assertThat(this.fakes.failure()).isEqualTo(
				new IngestionError(ErrorCode.EMBEDDING_FAILED, "'report.pdf': connection refused", Stage.EMBED));
		assertThat(this.fakes.count("embedChunks")).isEqualTo(IngestionActivityOptions.MAX_ATTEMPTS);
		assertThat(this.fakes.count("publishChunks")).isZero();
		assertThat(documentStatusOf(workflow)).isEqualTo("FAILED");
	}

	@Test
	void chunkingThatKeepsFailingEndsFailedWithInternalError(TestWorkflowEnvironment env, Worker worker) {
		this.fakes.failsAlways("chunkText", () -> new IllegalStateException("disk full"));
		IngestionWorkflow workflow = startWorkers(env, worker, PDF);

		assertThatThrownBy(() -> workflow.ingest(PDF))
			.isInstanceOf(WorkflowFailedException.class);

		// Chunking runs in the parsing activity when no page needs OCR: its failure is that stage's.
		assertThat(this.fakes.failure())
			.isEqualTo(new IngestionError(ErrorCode.INTERNAL_ERROR, "'report.pdf': disk full", Stage.PARSE));
		assertThat(this.fakes.count("chunkText")).isEqualTo(IngestionActivityOptions.MAX_ATTEMPTS);
	}

	/**
	 * The test server holds its clock while an activity waits for a worker, so the production schedule-to-close
	 * of the conversion cannot be skipped through; this run shortens it (per activity type, as a worker may) and
	 * waits for it in real time.
	 */
	@Test
	void officeDocumentWithoutOfficeWorkerEndsFailedWithConversionFailed() {
		WorkflowImplementationOptions shortConversion = WorkflowImplementationOptions.newBuilder()
			.setActivityOptions(Map.of("ConvertToPdf",
					ActivityOptions.newBuilder().setScheduleToCloseTimeout(Duration.ofSeconds(2)).build()))
			.build();
		TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
		try {
			SEARCH_ATTRIBUTES.forEach(env::registerSearchAttribute);
			Worker worker = env.newWorker(TaskQueues.INGESTION);
			worker.registerWorkflowImplementationTypes(shortConversion, IngestionWorkflowImpl.class);
			worker.registerActivitiesImplementations(this.fakes.ingestion());
			env.start();
			IngestionWorkflow workflow = newWorkflow(env, worker, DOCX);

			assertThatThrownBy(() -> workflow.ingest(DOCX)).isInstanceOf(WorkflowFailedException.class)
				.cause()
				.isInstanceOfSatisfying(ApplicationFailure.class,
						(failure) -> assertThat(failure.getType()).isEqualTo("CONVERSION_FAILED"));

			IngestionError error = this.fakes.failure();
			assertThat(error.code()).isEqualTo(ErrorCode.CONVERSION_FAILED);
			assertThat(error.stage()).isEqualTo(Stage.CONVERT);
			assertThat(error.message()).startsWith("'minutes.docx': convert timed out")
				.endsWith("is an office worker running?");
			assertThat(this.fakes.count("extractText")).isZero();
			assertThat(documentStatusOf(workflow)).isEqualTo("FAILED");
		}
		finally {
			env.close();
		}
	}

	@Test
	void conversionRunsOnTheOfficeQueueWithABoundedWait() {
		ActivityOptions conversion = IngestionActivityOptions.conversion();

		assertThat(conversion.getTaskQueue()).isEqualTo(TaskQueues.OFFICE);
		assertThat(conversion.getScheduleToCloseTimeout()).isNotNull().isPositive();
		assertThat(conversion.getHeartbeatTimeout()).isNotNull().isPositive();
	}

	@Test
	void deletingTheDocumentCancelsTheRunAndMarksItCancelled(TestWorkflowEnvironment env, Worker worker)
			throws InterruptedException {
		this.fakes.parsingHangs();
		IngestionWorkflow workflow = startWorkers(env, worker, PDF);
		WorkflowClient.start(workflow::ingest, PDF);
		assertThat(this.fakes.awaitParsingStarted()).isTrue();

		assertThat(workflow.progress()).isEqualTo(new Progress(DocumentStatus.PROCESSING, Stage.PARSE, 0, 0, 0));
		WorkflowStub.fromTyped(workflow).cancel();

		assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(IngestionResult.class))
			.isInstanceOf(WorkflowFailedException.class)
			.hasCauseInstanceOf(CanceledFailure.class);
		assertThat(this.fakes.calls()).contains("markCancelled").doesNotContain("chunkText");
		assertThat(describe(workflow).getStatus())
			.isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
		assertThat(documentStatusOf(workflow)).isEqualTo("CANCELLED");
	}

	@Test
	void fourHundredPageDocumentKeepsTheHistorySmall(TestWorkflowEnvironment env, Worker worker) {
		this.fakes.parses(new ParseResult(400, 400, 1_600_000, 0, 0))
			.chunks(new ChunkingResult(2_000, 64, 4))
			.embedsFor(1);
		IngestionWorkflow workflow = startWorkers(env, worker, PDF);

		workflow.ingest(PDF);

		String workflowId = WorkflowStub.fromTyped(workflow).getExecution().getWorkflowId();
		WorkflowExecutionHistory history = env.getWorkflowClient().fetchHistory(workflowId);
		assertThat(history.getEvents()).hasSizeLessThan(300);
		assertThat(history.getHistory().getSerializedSize()).isLessThan(64 * 1024);
		assertThat(this.fakes.count("embedChunks")).isEqualTo(32);
	}

	/** The types of the activities the run scheduled, in order (local activities are markers, not among them). */
	private static List<String> activitiesScheduled(TestWorkflowEnvironment env, IngestionWorkflow workflow) {
		String workflowId = WorkflowStub.fromTyped(workflow).getExecution().getWorkflowId();
		return env.getWorkflowClient()
			.fetchHistory(workflowId)
			.getEvents()
			.stream()
			.filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
			.map((event) -> event.getActivityTaskScheduledEventAttributes().getActivityType().getName())
			.toList();
	}

	private static TestWorkflowExtension.Builder withSearchAttributes(TestWorkflowExtension.Builder builder) {
		SEARCH_ATTRIBUTES.forEach(builder::registerSearchAttribute);
		return builder;
	}

	private IngestionWorkflow startWorkers(TestWorkflowEnvironment env, Worker worker, IngestionRequest request) {
		worker.registerActivitiesImplementations(this.fakes.ingestion());
		env.newWorker(TaskQueues.OFFICE).registerActivitiesImplementations(this.fakes.office());
		env.start();
		return newWorkflow(env, worker, request);
	}

	/** The production start options, on the extension's task queue. */
	private static IngestionWorkflow newWorkflow(TestWorkflowEnvironment env, Worker worker,
			IngestionRequest request) {
		WorkflowOptions options = WorkflowOptions.newBuilder(IngestionWorkflowOptions.forRequest(request))
			.setTaskQueue(worker.getTaskQueue())
			.build();
		return env.getWorkflowClient().newWorkflowStub(IngestionWorkflow.class, options);
	}

	private static WorkflowExecutionDescription describe(IngestionWorkflow workflow) {
		return WorkflowStub.fromTyped(workflow).describe();
	}

	private static String documentStatusOf(IngestionWorkflow workflow) {
		return describe(workflow).getTypedSearchAttributes().get(SearchAttributes.DOCUMENT_STATUS);
	}

}
