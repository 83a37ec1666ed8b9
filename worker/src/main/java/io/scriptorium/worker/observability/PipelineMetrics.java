package io.scriptorium.worker.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.scriptorium.workflows.document.Stage;
import io.scriptorium.workflows.parsing.ParseResult;
import java.time.Duration;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The pipeline's own meters. Prometheus renders them as {@code scriptorium_stage_duration_seconds},
 * {@code scriptorium_stage_failures_total}, {@code scriptorium_conversion_failures_total},
 * {@code scriptorium_pages_processed_total}, {@code scriptorium_chunks_embedded_total} and
 * {@code scriptorium_embedding_throughput}. Embedding throughput over a window is also
 * {@code rate(scriptorium_chunks_embedded_total[5m])} divided by
 * {@code rate(scriptorium_stage_duration_seconds_sum{stage="embed",outcome="success"}[5m])} (chunks per busy
 * second); the summary gives it per batch, with its max.
 */
@Component
class PipelineMetrics {

	static final String STAGE_DURATION = "scriptorium.stage.duration";

	static final String STAGE_FAILURES = "scriptorium.stage.failures";

	static final String CONVERSION_FAILURES = "scriptorium.conversion.failures";

	static final String PAGES_PROCESSED = "scriptorium.pages.processed";

	static final String CHUNKS_EMBEDDED = "scriptorium.chunks.embedded";

	static final String EMBEDDING_THROUGHPUT = "scriptorium.embedding.throughput";

	/** How an activity attempt ended: the {@code outcome} tag. */
	enum Outcome {

		SUCCESS, FAILURE, CANCELLED;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	private static final String EMBED = ActivityStages.stage(Stage.EMBED);

	private static final String PARSE = ActivityStages.stage(Stage.PARSE);

	private static final String CONVERT = ActivityStages.stage(Stage.CONVERT);

	/**
	 * A few fixed buckets (not a percentile histogram's ~70) from a status update to a long conversion, so that
	 * {@code histogram_quantile} works across replicas without multiplying the series per stage.
	 */
	private static final Duration[] DURATION_BUCKETS = { Duration.ofMillis(100), Duration.ofMillis(500),
			Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(60),
			Duration.ofMinutes(5) };

	private final MeterRegistry registry;

	private final Counter pagesProcessed;

	private final Counter chunksEmbedded;

	private final DistributionSummary embeddingThroughput;

	PipelineMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.pagesProcessed = Counter.builder(PAGES_PROCESSED)
			.description("Pages of documents parsed (every page, with or without text)")
			.register(registry);
		this.chunksEmbedded = Counter.builder(CHUNKS_EMBEDDED)
			.description("Chunks embedded and stored with their vectors")
			.register(registry);
		this.embeddingThroughput = DistributionSummary.builder(EMBEDDING_THROUGHPUT)
			.description("Chunks per second of each embedding batch")
			.register(registry);
	}

	/** One attempt of an activity, whatever its outcome; retries count as attempts of their own. */
	void recordAttempt(String stage, String activityType, Outcome outcome, Duration duration) {
		Timer.builder(STAGE_DURATION)
			.description("Duration of each activity attempt, by pipeline stage")
			.tag("stage", stage)
			.tag("activity", activityType)
			.tag("outcome", outcome.tag())
			.serviceLevelObjectives(DURATION_BUCKETS)
			.register(this.registry)
			.record(duration);
	}

	/** The counts a successful attempt reports in its result (ids and counts only, never text). */
	void recordResult(String stage, Object result, Duration duration) {
		if (PARSE.equals(stage) && result instanceof ParseResult parsed) {
			this.pagesProcessed.increment(parsed.pages());
		}
		else if (EMBED.equals(stage) && result instanceof Integer chunks) {
			this.chunksEmbedded.increment(chunks);
			if (chunks > 0 && !duration.isZero()) {
				this.embeddingThroughput.record(chunks / (duration.toNanos() / 1e9));
			}
		}
	}

	/** A failed attempt, by the error code it carries ({@link FailureCodes}). */
	void recordFailure(String stage, String code) {
		Counter.builder(STAGE_FAILURES)
			.description("Failed activity attempts, by stage and error code")
			.tag("stage", stage)
			.tag("code", code)
			.register(this.registry)
			.increment();
		if (CONVERT.equals(stage)) {
			Counter.builder(CONVERSION_FAILURES)
				.description("Failed office-to-PDF conversion attempts, by error code")
				.tag("code", code)
				.register(this.registry)
				.increment();
		}
	}

}
