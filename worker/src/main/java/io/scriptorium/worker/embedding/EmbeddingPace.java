package io.scriptorium.worker.embedding;

import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * How fast this worker's model embeds, in tokens per second of a call to it, as measured on the calls it made: a
 * moving average, so that it follows a host whose speed drifts and a remote model under changing load. The planner
 * of a document's embedding batches ({@link EmbeddingBatches}) reads it.
 */
@Component
public class EmbeddingPace {

	/** Each call's weight in the average: about the last ten calls count. */
	private static final double WEIGHT = 0.1;

	private double tokensPerSecond;

	/** One call to the model: {@code tokens} read in {@code nanos}. */
	synchronized void record(long tokens, long nanos) {
		if (tokens <= 0 || nanos <= 0) {
			return;
		}
		double measured = tokens * (double) TimeUnit.SECONDS.toNanos(1) / nanos;
		this.tokensPerSecond = (this.tokensPerSecond == 0) ? measured
				: this.tokensPerSecond + WEIGHT * (measured - this.tokensPerSecond);
	}

	/** 0 until the first call was measured. */
	synchronized double tokensPerSecond() {
		return this.tokensPerSecond;
	}

}
