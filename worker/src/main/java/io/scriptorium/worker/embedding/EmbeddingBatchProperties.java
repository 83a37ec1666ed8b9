package io.scriptorium.worker.embedding;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the worker spreads the work of embedding a document, {@code scriptorium.embedding.batches.*}. The model itself
 * ({@code scriptorium.embedding.*}) is shared with the api-server.
 */
@ConfigurationProperties("scriptorium.embedding.batches")
public class EmbeddingBatchProperties {

	/** Chunks per embedding activity: 64 keeps a 2,000-chunk document at about 32 activities. */
	private int size = 64;

	/** Embedding activities a document runs at once. */
	private int parallel = 2;

	/** Chunks per call to the model within an activity; the activity heartbeats after each. */
	private int requestSize = 16;

	public int getSize() {
		return this.size;
	}

	public void setSize(int size) {
		this.size = size;
	}

	public int getParallel() {
		return this.parallel;
	}

	public void setParallel(int parallel) {
		this.parallel = parallel;
	}

	public int getRequestSize() {
		return this.requestSize;
	}

	public void setRequestSize(int requestSize) {
		this.requestSize = requestSize;
	}

}
