package io.scriptorium.worker.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.scriptorium.workflows.embeddingmodel.EmbeddingModelProperties;
import io.scriptorium.workflows.embeddingmodel.InProcessModel;
import io.scriptorium.workflows.embeddingmodel.EmbeddingSettings;
import io.scriptorium.worker.chunking.ChunkingProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmbeddingConfigurationTest {

	@Test
	void defaultsDescribeTheBundledInProcessModel() {
		EmbeddingSettings settings = new EmbeddingModelProperties().toSettings();

		assertThat(settings.provider()).isEqualTo(EmbeddingSettings.IN_PROCESS);
		assertThat(settings.model()).isEqualTo("bge-small-en-v15-q");
		assertThat(settings.dimensions()).isEqualTo(InProcessModel.DIMENSIONS);
		assertThat(settings.maxTokens()).isEqualTo(512);
		assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(settings.parallelTexts()).isZero();
		assertThat(settings.threadsPerText()).isEqualTo(1);
	}

	@Test
	void eachInProcessModelBringsItsWindowAndQueryInstruction() {
		EmbeddingModelProperties properties = new EmbeddingModelProperties();
		assertThat(properties.toSettings().queryText("form 4070"))
			.isEqualTo("Represent this sentence for searching relevant passages: form 4070");

		properties.getInProcess().setModel(InProcessModel.ALL_MINILM_L6_V2_Q);
		EmbeddingSettings settings = properties.toSettings();

		assertThat(settings.model()).isEqualTo("all-minilm-l6-v2-q");
		assertThat(settings.maxTokens()).isEqualTo(128);
		assertThat(settings.queryText("form 4070")).isEqualTo("form 4070");
	}

	@Test
	void openAiProviderUsesTheOpenAiModelNameAndKey() {
		EmbeddingModelProperties properties = new EmbeddingModelProperties();
		properties.setProvider(EmbeddingSettings.OPENAI);
		properties.setDimensions(1536);
		properties.getOpenai().setApiKey("sk-abc");
		properties.getOpenai().setModel("text-embedding-3-large");

		EmbeddingSettings settings = properties.toSettings();

		assertThat(settings.model()).isEqualTo("text-embedding-3-large");
		assertThat(settings.apiKey()).isEqualTo("sk-abc");
		assertThat(settings.baseUrl()).isEqualTo("https://api.openai.com/v1");
		assertThat(settings.dimensions()).isEqualTo(1536);
		assertThat(settings.maxTokens()).isEqualTo(8191);
		assertThat(settings.queryText("q")).isEqualTo("q");
		assertThat(settings.toString()).doesNotContain("sk-abc");
	}

	@Test
	void defaultBatchesKeepATwoThousandChunkDocumentWellUnderAHundredActivities() {
		EmbeddingBatchProperties batches = new EmbeddingBatchProperties();

		int activities = (2_000 + batches.getSize() - 1) / batches.getSize();

		assertThat(activities).isLessThanOrEqualTo(50);
		assertThat(batches.getParallel()).isEqualTo(2);
		assertThat(batches.getRequestSize()).isBetween(1, batches.getSize());
	}

	@Test
	void defaultOverlapIsAtMostHalfAChunk() {
		ChunkingProperties chunking = new ChunkingProperties();

		assertThat(chunking.getMaxTokens()).isLessThanOrEqualTo(new EmbeddingModelProperties().toSettings().maxTokens());
		assertThat(chunking.getOverlapTokens()).isBetween(1, new EmbeddingModelProperties().toSettings().maxTokens() / 2);
	}

}
