package io.scriptorium.worker.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.scriptorium.worker.embedding.ChunkVectorStore.ChunkText;
import io.scriptorium.worker.indexing.ChunkPublisher;
import io.scriptorium.worker.shutdown.Heartbeats;
import io.scriptorium.workflows.TaskQueues;
import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.embedding.EmbeddingActivities;
import io.scriptorium.workflows.embeddingmodel.EmbeddingSettings;
import io.scriptorium.workflows.failure.ErrorCode;
import io.scriptorium.workflows.failure.Failures;
import io.temporal.activity.Activity;
import io.temporal.spring.boot.ActivityImpl;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Embeds a range of a document's chunks, a few at a time, heartbeating after each request so that a stuck model
 * is noticed within the heartbeat timeout rather than at the end of the whole batch.
 */
@Component
@ActivityImpl(taskQueues = TaskQueues.INGESTION)
class EmbeddingActivitiesImpl implements EmbeddingActivities {

	private static final Logger log = LoggerFactory.getLogger(EmbeddingActivitiesImpl.class);

	private final ChunkVectorStore store;

	private final EmbeddingModel model;

	private final EmbeddingSettings settings;

	private final EmbeddingPace pace;

	private final ChunkPublisher publisher;

	private final int requestSize;

	EmbeddingActivitiesImpl(ChunkVectorStore store, EmbeddingModel model, EmbeddingSettings settings,
			EmbeddingBatchProperties batches, EmbeddingPace pace, ChunkPublisher publisher) {
		this.store = store;
		this.model = model;
		this.settings = settings;
		this.pace = pace;
		this.publisher = publisher;
		this.requestSize = Math.max(1, batches.getRequestSize());
	}

	@Override
	public int embedChunks(DocumentRef document, int fromIndex, int toIndex) {
		if (!this.store.documentExists(document.documentId())) {
			log.info("Document {} was deleted; nothing to embed", document.documentId());
			return 0;
		}
		List<ChunkText> chunks = this.store.texts(document.documentId(), fromIndex, toIndex);
		for (int start = 0; start < chunks.size(); start += this.requestSize) {
			List<ChunkText> request = chunks.subList(start, Math.min(start + this.requestSize, chunks.size()));
			List<Embedding> vectors = embed(document, request);
			this.store.writeVectors(document.documentId(), request, vectors, this.settings.model());
			Heartbeats.send(Activity.getExecutionContext(), fromIndex + start + request.size());
		}
		return chunks.size();
	}

	@Override
	public int embedAndPublishChunks(DocumentRef document, int fromIndex, int toIndex) {
		embedChunks(document, fromIndex, toIndex);
		// A document deleted meanwhile has no rows left to publish: 0.
		return this.publisher.publish(document);
	}

	private List<Embedding> embed(DocumentRef document, List<ChunkText> chunks) {
		List<Embedding> vectors;
		try {
			long start = System.nanoTime();
			vectors = this.model.embedAll(chunks.stream().map(chunk -> TextSegment.from(chunk.text())).toList())
				.content();
			this.pace.record(chunks.stream().mapToLong(ChunkText::tokens).sum(), System.nanoTime() - start);
		}
		catch (RuntimeException ex) {
			throw Failures.retryable(ErrorCode.EMBEDDING_FAILED, document,
					"embedding model '" + this.settings.model() + "' failed: " + ex.getMessage(), ex);
		}
		if (vectors == null || vectors.size() != chunks.size()) {
			throw Failures.retryable(ErrorCode.EMBEDDING_FAILED, document, "embedding model '" + this.settings.model()
					+ "' returned " + (vectors == null ? 0 : vectors.size()) + " vectors for " + chunks.size()
					+ " chunks", null);
		}
		for (Embedding vector : vectors) {
			if (vector.dimension() != this.settings.dimensions()) {
				throw Failures.nonRetryable(ErrorCode.EMBEDDING_FAILED, document,
						"embedding model '" + this.settings.model() + "' returned " + vector.dimension()
								+ "-dimensional vectors but scriptorium.embedding.dimensions (and the chunks table) is "
								+ this.settings.dimensions());
			}
		}
		return vectors;
	}

}
