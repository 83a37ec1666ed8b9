package io.scriptorium.worker.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EmbeddingBatchesTest {

	private final EmbeddingBatchProperties properties = new EmbeddingBatchProperties();

	private final EmbeddingPace pace = new EmbeddingPace();

	private final EmbeddingBatches batches = new EmbeddingBatches(this.properties, this.pace);

	@Test
	void beforeTheModelWasMeasuredBatchesHaveTheConfiguredSize() {
		assertThat(this.batches.plan(2_000, 400_000).batchSize()).isEqualTo(this.properties.getSize());
	}

	@Test
	void aBatchTakesAboutTheTargetDurationAtTheMeasuredPaceAndThisDocumentsChunkLength() {
		this.properties.setTargetDuration(Duration.ofSeconds(3));
		this.pace.record(10_000, TimeUnit.SECONDS.toNanos(1));

		// 10,000 tokens/s for 3 s, chunks of 200 tokens: 150 chunks; of 100 tokens: 300.
		assertThat(this.batches.plan(2_000, 400_000).batchSize()).isEqualTo(150);
		assertThat(this.batches.plan(2_000, 200_000).batchSize()).isEqualTo(300);
		assertThat(this.batches.plan(2_000, 400_000).parallelBatches()).isEqualTo(this.properties.getParallel());
	}

	@Test
	void batchesStayWithinTheConfiguredBoundsHoweverFastOrSlowTheModel() {
		this.pace.record(10_000_000, TimeUnit.SECONDS.toNanos(1));
		assertThat(this.batches.plan(100_000, 20_000_000).batchSize()).isEqualTo(this.properties.getMaxSize());

		EmbeddingPace slow = new EmbeddingPace();
		slow.record(10, TimeUnit.SECONDS.toNanos(1));
		assertThat(new EmbeddingBatches(this.properties, slow).plan(2_000, 400_000).batchSize())
			.isEqualTo(this.properties.getSize());
	}

	@Test
	void thePaceFollowsTheModelAsItsSpeedChanges() {
		this.pace.record(1_000, TimeUnit.SECONDS.toNanos(1));
		for (int i = 0; i < 50; i++) {
			this.pace.record(4_000, TimeUnit.SECONDS.toNanos(1));
		}
		assertThat(this.pace.tokensPerSecond()).isBetween(3_900.0, 4_000.0);
	}

}
