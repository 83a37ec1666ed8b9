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
import org.slf4j.Logger;

/**
 * Convert (office formats only), parse, chunk, embed, index. Only ids and counts pass through the history: the
 * activities read and write the document's bytes, pages, chunks and vectors in the database.
 */
public class IngestionWorkflowImpl implements IngestionWorkflow {

	private static final Logger log = Workflow.getLogger(IngestionWorkflowImpl.class);

	private final DocumentStatusActivities status = Workflow.newActivityStub(DocumentStatusActivities.class,
			IngestionActivityOptions.status());

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

	private DocumentRef document;

	private DocumentStatus documentStatus = DocumentStatus.PENDING;

	private Stage stage = Stage.UPLOAD;

	private int pages;

	private int chunks;

	private int chunksEmbedded;

	@Override
	public IngestionResult ingest(IngestionRequest request) {
		this.document = request.ref();
		updateStatus(DocumentStatus.PROCESSING);
		try {
			if (request.type().needsConversion()) {
				enter(Stage.CONVERT);
				this.conversion.convertToPdf(this.document);
			}
			enter(Stage.PARSE);
			ParseResult parsed = this.parsing.extractText(this.document);
			this.pages = parsed.pages();
			List<Warning> warnings = new ArrayList<>();
			if (parsed.skippedPages() > 0) {
				warnings.add(Warning.PAGES_SKIPPED);
			}
			if (parsed.pagesWithText() == 0) {
				warnings.add(Warning.NO_TEXT_LAYER);
				return ready(warnings);
			}
			enter(Stage.CHUNK);
			ChunkingResult plan = this.chunking.chunkText(this.document);
			this.chunks = plan.chunks();
			enter(Stage.EMBED);
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

	/**
	 * Embeds {@code [from, to)} batches of the worker's batch size, keeping at most {@code parallelBatches} in
	 * flight: a new batch starts as soon as one finishes. One activity per batch keeps the history at a few events
	 * per batch whatever the page count.
	 */
	private void embedInBatches(ChunkingResult plan) {
		int batchSize = Math.max(1, plan.batchSize());
		int parallelBatches = Math.max(1, plan.parallelBatches());
		List<Promise<Integer>> inFlight = new ArrayList<>();
		for (int from = 0; from < plan.chunks(); from += batchSize) {
			if (inFlight.size() >= parallelBatches) {
				awaitAnyBatch(inFlight);
			}
			int to = Math.min(from + batchSize, plan.chunks());
			inFlight.add(Async.function(this.embedding::embedChunks, this.document, from, to).thenApply((embedded) -> {
				this.chunksEmbedded += embedded;
				return embedded;
			}));
		}
		Promise.allOf(inFlight).get();
	}

	/** Waits for a batch to finish and drops the finished ones; {@code get()} rethrows a batch's failure. */
	private static void awaitAnyBatch(List<Promise<Integer>> inFlight) {
		Promise.anyOf(inFlight).get();
		for (Iterator<Promise<Integer>> batches = inFlight.iterator(); batches.hasNext();) {
			Promise<Integer> batch = batches.next();
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
