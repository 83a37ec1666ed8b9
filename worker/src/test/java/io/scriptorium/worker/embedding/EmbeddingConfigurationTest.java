package io.scriptorium.worker.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.scriptorium.workflows.embedding.EmbeddingModelFactory;
import io.scriptorium.workflows.embedding.EmbeddingSettings;
import io.scriptorium.worker.chunking.ChunkingProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmbeddingConfigurationTest {

	@Test
	void defaultsDescribeTheBundledInProcessModel() {
		EmbeddingSettings settings = new EmbeddingProperties().toSettings();

		assertThat(settings.provider()).isEqualTo(EmbeddingSettings.IN_PROCESS);
		assertThat(settings.model()).isEqualTo("all-minilm-l6-v2-q");
		assertThat(settings.dimensions()).isEqualTo(EmbeddingModelFactory.IN_PROCESS_DIMENSIONS);
		assertThat(settings.maxTokens()).isEqualTo(128);
		assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(settings.parallelTexts()).isZero();
		assertThat(settings.threadsPerText()).isEqualTo(1);
	}

	@Test
	void openAiProviderUsesTheOpenAiModelNameAndKey() {
		EmbeddingProperties properties = new EmbeddingProperties();
		properties.setProvider(EmbeddingSettings.OPENAI);
		properties.setDimensions(1536);
		properties.getOpenai().setApiKey("sk-abc");
		properties.getOpenai().setModel("text-embedding-3-large");

		EmbeddingSettings settings = properties.toSettings();

		assertThat(settings.model()).isEqualTo("text-embedding-3-large");
		assertThat(settings.apiKey()).isEqualTo("sk-abc");
		assertThat(settings.baseUrl()).isEqualTo("https://api.openai.com/v1");
		assertThat(settings.dimensions()).isEqualTo(1536);
		assertThat(settings.toString()).doesNotContain("sk-abc");
	}

	@Test
	void defaultBatchesKeepATwoThousandChunkDocumentWellUnderAHundredActivities() {
		EmbeddingProperties properties = new EmbeddingProperties();

		int activities = (2_000 + properties.getBatchSize() - 1) / properties.getBatchSize();

		assertThat(activities).isLessThanOrEqualTo(50);
		assertThat(properties.getParallelBatches()).isEqualTo(2);
		assertThat(properties.getRequestSize()).isBetween(1, properties.getBatchSize());
	}

	@Test
	void defaultOverlapIsAtMostHalfAChunk() {
		ChunkingProperties chunking = new ChunkingProperties();

		assertThat(chunking.getMaxTokens()).isNull();
		assertThat(chunking.getOverlapTokens()).isBetween(1, new EmbeddingProperties().getMaxTokens() / 2);
	}

}
