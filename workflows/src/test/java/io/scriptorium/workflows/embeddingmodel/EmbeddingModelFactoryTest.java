package io.scriptorium.workflows.embeddingmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import org.junit.jupiter.api.Test;

class EmbeddingModelFactoryTest {

	static EmbeddingSettings inProcess() {
		return new EmbeddingModelProperties().toSettings();
	}

	static EmbeddingModelProperties openAi(String apiKey) {
		EmbeddingModelProperties properties = new EmbeddingModelProperties();
		properties.setProvider(EmbeddingSettings.OPENAI);
		properties.getOpenai().setBaseUrl("http://127.0.0.1:1/v1");
		properties.getOpenai().setApiKey(apiKey);
		return properties;
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
		EmbeddingModelProperties properties = new EmbeddingModelProperties();
		properties.setDimensions(768);
		EmbeddingSettings settings = properties.toSettings();

		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddingModelFactory.create(settings))
			.withMessageContaining("384")
			.withMessageContaining("768")
			.withMessageContaining("scriptorium.embedding.dimensions");
	}

	@Test
	void unknownProviderIsRejectedNamingTheChoices() {
		EmbeddingModelProperties properties = openAi("k");
		properties.setProvider("ollama");
		EmbeddingSettings settings = properties.toSettings();

		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddingModelFactory.create(settings))
			.withMessageContaining("'ollama'")
			.withMessageContaining("scriptorium.embedding.provider")
			.withMessageContaining("in-process")
			.withMessageContaining("openai");
	}

	@Test
	void openAiProviderWithoutApiKeyIsRejectedNamingTheProperty() {
		EmbeddingSettings settings = openAi(" ").toSettings();

		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddingModelFactory.create(settings))
			.withMessageContaining("scriptorium.embedding.openai.api-key");
	}

	@Test
	void settingsNeverShowTheApiKey() {
		EmbeddingSettings settings = openAi("sk-secret-123").toSettings();

		assertThat(settings.toString()).doesNotContain("sk-secret-123").contains("text-embedding-3-small");
	}

}
