package io.scriptorium.workflows.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmbeddingModelFactoryTest {

	static EmbeddingSettings inProcess() {
		return new EmbeddingSettings(EmbeddingSettings.IN_PROCESS, "all-minilm-l6-v2-q", 384, null, null,
				Duration.ofSeconds(30), 128);
	}

	@Test
	void inProcessModelProduces384DimensionalUnitVectors() {
		EmbeddingModel model = EmbeddingModelFactory.create(inProcess());

		Embedding embedding = model.embed("The protest is denied.").content();

		assertThat(model.dimension()).isEqualTo(384);
		assertThat(embedding.vector()).hasSize(384);
		double norm = 0;
		for (float v : embedding.vector()) {
			norm += v * v;
		}
		assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
	}

	@Test
	void inProcessModelRejectsOtherDimensionsNamingTheProperty() {
		EmbeddingSettings settings = new EmbeddingSettings(EmbeddingSettings.IN_PROCESS, "all-minilm-l6-v2-q", 768,
				null, null, Duration.ofSeconds(30), 128);

		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddingModelFactory.create(settings))
			.withMessageContaining("384")
			.withMessageContaining("768")
			.withMessageContaining("scriptorium.embedding.dimensions");
	}

	@Test
	void unknownProviderIsRejectedNamingTheChoices() {
		EmbeddingSettings settings = new EmbeddingSettings("ollama", "x", 384, null, null, Duration.ofSeconds(30),
				128);

		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddingModelFactory.create(settings))
			.withMessageContaining("'ollama'")
			.withMessageContaining("scriptorium.embedding.provider")
			.withMessageContaining("in-process")
			.withMessageContaining("openai");
	}

	@Test
	void openAiProviderWithoutApiKeyIsRejectedNamingTheProperty() {
		EmbeddingSettings settings = new EmbeddingSettings(EmbeddingSettings.OPENAI, "text-embedding-3-small", 384,
				"http://127.0.0.1:1/v1", " ", Duration.ofSeconds(30), 8191);

		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddingModelFactory.create(settings))
			.withMessageContaining("scriptorium.embedding.openai.api-key");
	}

	@Test
	void settingsNeverShowTheApiKey() {
		EmbeddingSettings settings = new EmbeddingSettings(EmbeddingSettings.OPENAI, "text-embedding-3-small", 384,
				"http://127.0.0.1:1/v1", "sk-secret-123", Duration.ofSeconds(30), 8191);

		assertThat(settings.toString()).doesNotContain("sk-secret-123").contains("text-embedding-3-small");
	}

}
