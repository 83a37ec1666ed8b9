package io.scriptorium.worker.embedding;

import io.scriptorium.workflows.chunking.ChunkingResult;
import org.springframework.stereotype.Component;

/**
 * Plans how a document's chunks are embedded: batches (one activity each) sized so that one takes about
 * {@code scriptorium.embedding.batches.target-duration} at the model's measured pace and this document's chunk
 * length. A fast model then gets fewer, larger batches (each activity costs the same few events and round trips
 * whatever its size), a slow one keeps batches that heartbeat and retry in small steps.
 */
@Component
public class EmbeddingBatches {

	private final EmbeddingBatchProperties properties;

	private final EmbeddingPace pace;

	EmbeddingBatches(EmbeddingBatchProperties properties, EmbeddingPace pace) {
		this.properties = properties;
		this.pace = pace;
	}

	/** The plan for {@code chunks} chunks of {@code tokens} tokens in all. */
	public ChunkingResult plan(int chunks, long tokens) {
		return new ChunkingResult(chunks, batchSize(chunks, tokens), this.properties.getParallel());
	}

	private int batchSize(int chunks, long tokens) {
		int least = Math.max(1, this.properties.getSize());
		double tokensPerSecond = this.pace.tokensPerSecond();
		if (chunks == 0 || tokens <= 0 || tokensPerSecond == 0) {
			return least;
		}
		double tokensPerChunk = (double) tokens / chunks;
		double atPace = tokensPerSecond * this.properties.getTargetDuration().toMillis() / 1000.0 / tokensPerChunk;
		return (int) Math.max(least, Math.min(Math.max(least, this.properties.getMaxSize()), Math.round(atPace)));
	}

}
