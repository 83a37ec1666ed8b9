package io.scriptorium.worker.embedding;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the worker spreads the work of embedding a document, {@code scriptorium.embedding.batches.*}. The model itself
 * ({@code scriptorium.embedding.*}) is shared with the api-server.
 */
@ConfigurationProperties("scriptorium.embedding.batches")
public class EmbeddingBatchProperties {

	/**
	 * Chunks per embedding activity until the model's pace is measured, and the fewest after: 64 keeps a
	 * 2,000-chunk document at about 32 activities.
	 */
	private int size = 64;

	/** The most chunks per embedding activity, however fast the model: bounds a batch's retry. */
	private int maxSize = 1024;

	/**
	 * How long one embedding activity should take at the model's measured pace: long enough that its few events and
	 * round trips are a small share of it, short enough that a batch cut by a crash or a shutdown is soon redone.
	 */
	private Duration targetDuration = Duration.ofSeconds(3);

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

	public int getMaxSize() {
		return this.maxSize;
	}

	public void setMaxSize(int maxSize) {
		this.maxSize = maxSize;
	}

	public Duration getTargetDuration() {
		return this.targetDuration;
	}

	public void setTargetDuration(Duration targetDuration) {
		this.targetDuration = targetDuration;
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
