package io.scriptorium.worker.observability;

import io.scriptorium.workflows.TaskQueues;
import io.scriptorium.workflows.chunking.ChunkingActivities;
import io.scriptorium.workflows.chunking.ChunkingResult;
import io.scriptorium.workflows.conversion.ConversionActivities;
import io.scriptorium.workflows.conversion.ConversionResult;
import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.document.Stage;
import io.scriptorium.workflows.document.Warning;
import io.scriptorium.workflows.embedding.EmbeddingActivities;
import io.scriptorium.workflows.failure.ErrorCode;
import io.scriptorium.workflows.failure.Failures;
import io.scriptorium.workflows.failure.IngestionError;
import io.scriptorium.workflows.indexing.IndexingActivities;
import io.scriptorium.workflows.ingestion.DocumentStatusActivities;
import io.scriptorium.workflows.parsing.ParseResult;
import io.scriptorium.workflows.parsing.ParsingActivities;
import io.temporal.spring.boot.ActivityImpl;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stand-ins for the stages with fixed counts, registered as activity beans the way the real ones are, so that the
 * interceptor sees the real activity types, arguments and results. They prove nothing about the stages themselves.
 */
final class FakePipelineActivities {

	static final int PAGES = 5;

	static final int CHUNKS = 10;

	static final int BATCH_SIZE = 4;

	/** A file of this name fails conversion as an encrypted document would. */
	static final String ENCRYPTED = "locked.docx";

	static final String PARSING_LOG_LINE = "fake parser extracting text";

	private static final Logger log = LoggerFactory.getLogger(FakePipelineActivities.class);

	private FakePipelineActivities() {
	}

	@ActivityImpl(taskQueues = TaskQueues.OFFICE)
	static class Office implements ConversionActivities {

		@Override
		public ConversionResult convertToPdf(DocumentRef document) {
			if (ENCRYPTED.equals(document.filename())) {
				throw Failures.nonRetryable(ErrorCode.ENCRYPTED_DOCUMENT, document, "password protected");
			}
			return new ConversionResult(1_000);
		}

	}

	@ActivityImpl(taskQueues = TaskQueues.INGESTION)
	static class Ingestion implements ParsingActivities, ChunkingActivities, EmbeddingActivities, IndexingActivities,
			DocumentStatusActivities {

		@Override
		public ParseResult extractText(DocumentRef document) {
			log.info(PARSING_LOG_LINE);
			return new ParseResult(PAGES, PAGES, 9_000, 0, 0);
		}

		@Override
		public ParseResult extractAndChunkText(DocumentRef document) {
			return extractText(document).withChunks(chunkText(document));
		}

		@Override
		public ChunkingResult chunkText(DocumentRef document) {
			return new ChunkingResult(CHUNKS, BATCH_SIZE, 2);
		}

		@Override
		public int embedAndPublishChunks(DocumentRef document, int fromIndex, int toIndex) {
			return publishChunks(document);
		}

		@Override
		public int embedChunks(DocumentRef document, int fromIndex, int toIndex) {
			return toIndex - fromIndex;
		}

		@Override
		public int publishChunks(DocumentRef document) {
			return CHUNKS;
		}

		@Override
		public void recordStage(UUID documentId, Stage stage) {
		}

		@Override
		public void markReady(UUID documentId, int pages, int chunks, List<Warning> warnings) {
		}

		@Override
		public void markFailed(UUID documentId, IngestionError error) {
		}

		@Override
		public void markCancelled(UUID documentId) {
		}

	}

}
