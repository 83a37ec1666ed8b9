package io.scriptorium.worker.embedding;

import io.scriptorium.workflows.boot.EmbeddingModelProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The embedding model (shared with the api-server), and how the worker spreads the work of embedding a document. */
@ConfigurationProperties("scriptorium.embedding")
public class EmbeddingProperties extends EmbeddingModelProperties {

	/** Chunks per embedding activity: 64 keeps a 2,000-chunk document at about 32 activities. */
	private int batchSize = 64;

	/** Embedding activities a document runs at once. */
	private int parallelBatches = 2;

	/** Chunks per call to the model within an activity; the activity heartbeats after each. */
	private int requestSize = 16;

	public int getBatchSize() {
		return this.batchSize;
	}

	public void setBatchSize(int batchSize) {
		this.batchSize = batchSize;
	}

	public int getParallelBatches() {
		return this.parallelBatches;
	}

	public void setParallelBatches(int parallelBatches) {
		this.parallelBatches = parallelBatches;
	}

	public int getRequestSize() {
		return this.requestSize;
	}

	public void setRequestSize(int requestSize) {
		this.requestSize = requestSize;
	}

}
