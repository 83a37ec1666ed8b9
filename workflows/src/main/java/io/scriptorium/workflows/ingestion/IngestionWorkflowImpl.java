package io.scriptorium.workflows.ingestion;

import io.scriptorium.workflows.SearchAttributes;
import io.scriptorium.workflows.chunking.ChunkingActivities;
import io.scriptorium.workflows.chunking.ChunkingResult;
import io.scriptorium.workflows.conversion.ConversionActivities;
import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.document.DocumentStatus;
import io.scriptorium.workflows.document.Stage;
import io.scriptorium.workflows.document.Warning;
import io.scriptorium.workflows.embedding.EmbeddingActivities;
import io.scriptorium.workflows.failure.IngestionError;
import io.scriptorium.workflows.indexing.IndexingActivities;
import io.scriptorium.workflows.ocr.OcrActivities;
import io.scriptorium.workflows.ocr.OcrResult;
import io.scriptorium.workflows.parsing.ParseResult;
import io.scriptorium.workflows.parsing.ParsingActivities;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Convert (office formats only), parse, OCR (pages without a text layer only), chunk, embed, index. Only ids and
 * counts pass through the history: the activities read and write the document's bytes, pages, chunks and vectors
 * in the database.
 */
public class IngestionWorkflowImpl implements IngestionWorkflow {

	private static final Logger log = Workflow.getLogger(IngestionWorkflowImpl.class);

	/** Status updates as activities of their own: how runs started before {@link #LEAN_PIPELINE} recorded them. */
	private final DocumentStatusActivities remoteStatus = Workflow.newActivityStub(DocumentStatusActivities.class,
			IngestionActivityOptions.status());

	private final DocumentStatusActivities localStatus = Workflow
		.newLocalActivityStub(DocumentStatusActivities.class, IngestionActivityOptions.localStatus());

	/** The status updates this run makes: {@link #localStatus} unless the run began before {@link #LEAN_PIPELINE}. */
	private DocumentStatusActivities status;

	private final ConversionActivities conversion = Workflow.newActivityStub(ConversionActivities.class,
			IngestionActivityOptions.conversion());

	private final ParsingActivities parsing = Workflow.newActivityStub(ParsingActivities.class,
			IngestionActivityOptions.parsing());

	private final ChunkingActivities chunking = Workflow.newActivityStub(ChunkingActivities.class,
			IngestionActivityOptions.chunking());

	private final EmbeddingActivities embedding = Workflow.newActivityStub(EmbeddingActivities.class,
			IngestionActivityOptions.embedding());

	private final IndexingActivities indexing = Workflow.newActivityStub(IndexingActivities.class,
			IngestionActivityOptions.indexing());

	private final OcrActivities ocr = Workflow.newActivityStub(OcrActivities.class, IngestionActivityOptions.ocr());

	/** The change id of the OCR stage ({@link Workflow#getVersion}). */
	static final String OCR_STAGE = "ocr-stage";

	/**
	 * The change id of the pipeline with fewer round trips. Each activity costs three events and a workflow task
	 * after it, so: status updates are local activities (one UPDATE of the document's row needs no trip through a
	 * task queue, only a marker in the workflow task that schedules the stage's own activity); parsing chunks the
	 * pages it wrote when none needs OCR; a document embedded in one batch is published by that batch.
	 */
	static final String LEAN_PIPELINE = "lean-pipeline";

	private boolean lean;

	private DocumentRef document;

	private DocumentStatus documentStatus = DocumentStatus.PENDING;

	private Stage stage = Stage.UPLOAD;

	private int pages;

	private int chunks;

	private int chunksEmbedded;

	private OcrResult recognized = OcrResult.NONE;

	@Override
	public IngestionResult ingest(IngestionRequest request) {
		this.document = request.ref();
		this.lean = Workflow.getVersion(LEAN_PIPELINE, Workflow.DEFAULT_VERSION, 1) >= 1;
		this.status = this.lean ? this.localStatus : this.remoteStatus;
		updateStatus(DocumentStatus.PROCESSING);
		try {
			if (request.type().needsConversion()) {
				enter(Stage.CONVERT);
				this.conversion.convertToPdf(this.document);
			}
			enter(Stage.PARSE);
			ParseResult parsed = this.lean ? this.parsing.extractAndChunkText(this.document)
					: this.parsing.extractText(this.document);
			this.pages = parsed.pages();
			List<Warning> warnings = new ArrayList<>();
			if (parsed.skippedPages() > 0) {
				warnings.add(Warning.PAGES_SKIPPED);
			}
			int pagesWithText = parsed.pagesWithText();
			// Runs whose parse ended before OCR existed decided without it, and replay that decision.
			if (parsed.pagesNeedingOcr() > 0
					&& Workflow.getVersion(OCR_STAGE, Workflow.DEFAULT_VERSION, 1) >= 1) {
				enter(Stage.OCR);
				OcrResult recognized = recognize(parsed.pagesNeedingOcr());
				warnings.add(Warning.OCR_APPLIED);
				if (recognized.lowConfidencePages() > 0) {
					warnings.add(Warning.OCR_LOW_CONFIDENCE);
				}
				pagesWithText += recognized.pagesWithText();
			}
			if (pagesWithText == 0) {
				warnings.add(Warning.NO_TEXT_LAYER);
				return ready(warnings);
			}
			ChunkingResult plan = parsed.chunked();
			if (plan == null) {
				enter(Stage.CHUNK);
				plan = this.chunking.chunkText(this.document);
			}
			this.chunks = plan.chunks();
			enter(Stage.EMBED);
			if (this.lean && plan.chunks() <= plan.batchSize()) {
				this.chunks = this.embedding.embedAndPublishChunks(this.document, 0, plan.chunks());
				this.chunksEmbedded = plan.chunks();
				return ready(warnings);
			}
			embedInBatches(plan);
			enter(Stage.INDEX);
			this.chunks = this.indexing.publishChunks(this.document);
			return ready(warnings);
		}
		catch (ActivityFailure failure) {
			if (isCancellation(failure)) {
				throw cancelled(failure);
			}
			throw failed(StageFailures.toError(failure, this.stage, this.document), failure);
		}
		catch (CanceledFailure failure) {
			throw cancelled(failure);
		}
	}

	@Override
	public Progress progress() {
		return new Progress(this.documentStatus, this.stage, this.pages, this.chunks, this.chunksEmbedded);
	}

	private void enter(Stage next) {
		this.stage = next;
		this.status.recordStage(this.document.documentId(), next);
	}

	/** Embeds the chunks in batches of the worker's batch size, {@code parallelBatches} at a time. */
	private void embedInBatches(ChunkingResult plan) {
		inBatches(plan.chunks(), plan.batchSize(), plan.parallelBatches(),
				(from, to) -> Async.function(this.embedding::embedChunks, this.document, from, to),
				(embedded) -> this.chunksEmbedded += embedded);
	}

	/** Recognises the pages that need OCR in {@link OcrBatches}; the sum of the batches' counts. */
	private OcrResult recognize(int pages) {
		inBatches(pages, OcrBatches.size(pages), OcrBatches.IN_FLIGHT,
				(from, to) -> Async.function(this.ocr::recognizePages, this.document, from, to),
				(batch) -> this.recognized = this.recognized.plus(batch));
		return this.recognized;
	}

	/**
	 * Runs {@code [from, to)} batches of {@code batchSize} over {@code total} items, keeping at most {@code parallel}
	 * in flight: a new batch starts as soon as one finishes. One activity per batch keeps the history at a few events
	 * per batch whatever the document's size.
	 */
	private static <T> void inBatches(int total, int batchSize, int parallel, BatchStart<T> start,
			Consumer<T> finished) {
		int size = Math.max(1, batchSize);
		List<Promise<T>> inFlight = new ArrayList<>();
		for (int from = 0; from < total; from += size) {
			if (inFlight.size() >= Math.max(1, parallel)) {
				awaitAnyBatch(inFlight);
			}
			inFlight.add(start.start(from, Math.min(from + size, total)).thenApply((result) -> {
				finished.accept(result);
				return result;
			}));
		}
		Promise.allOf(inFlight).get();
	}

	/** Starts the activity of the batch {@code [from, to)}. */
	@FunctionalInterface
	private interface BatchStart<T> {

		Promise<T> start(int from, int to);

	}

	/** Waits for a batch to finish and drops the finished ones; {@code get()} rethrows a batch's failure. */
	private static <T> void awaitAnyBatch(List<Promise<T>> inFlight) {
		Promise.anyOf(inFlight).get();
		for (Iterator<Promise<T>> batches = inFlight.iterator(); batches.hasNext();) {
			Promise<T> batch = batches.next();
			if (batch.isCompleted()) {
				batch.get();
				batches.remove();
			}
		}
	}

	private IngestionResult ready(List<Warning> warnings) {
		this.status.markReady(this.document.documentId(), this.pages, this.chunks, warnings);
		this.stage = Stage.DONE;
		updateStatus(DocumentStatus.READY);
		return new IngestionResult(DocumentStatus.READY, this.pages, this.chunks, warnings, null);
	}

	/**
	 * Records the failure in the document's row, then fails the run too (not retryable: the activities have had
	 * their retries), so that the Temporal UI shows it failed with the code as its type.
	 */
	private ApplicationFailure failed(IngestionError error, ActivityFailure cause) {
		log.warn("{} failed at {}: {} {}", this.document.documentId(), error.stage(), error.code(), error.message());
		this.status.markFailed(this.document.documentId(), error);
		updateStatus(DocumentStatus.FAILED);
		return ApplicationFailure.newNonRetryableFailureWithCause(error.message(), error.code().name(), cause, error);
	}

	/**
	 * The API cancels the run when a document is deleted. The run's own scope is cancelled by then, so the status
	 * update runs in a detached scope; rethrowing the cancellation ends the run CANCELLED.
	 */
	private RuntimeException cancelled(RuntimeException cancellation) {
		Workflow.newDetachedCancellationScope(() -> {
			this.status.markCancelled(this.document.documentId());
			updateStatus(DocumentStatus.CANCELLED);
		}).run();
		return cancellation;
	}

	private static boolean isCancellation(ActivityFailure failure) {
		return failure.getCause() instanceof CanceledFailure || CancellationScope.current().isCancelRequested();
	}

	private void updateStatus(DocumentStatus next) {
		this.documentStatus = next;
		Workflow.upsertTypedSearchAttributes(SearchAttributes.DOCUMENT_STATUS.valueSet(next.name()));
	}

}
