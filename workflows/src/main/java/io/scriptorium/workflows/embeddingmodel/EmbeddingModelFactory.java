package io.scriptorium.workflows.embeddingmodel;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;

/**
 * Builds the {@link EmbeddingModel} that {@link EmbeddingSettings} describe; {@link EmbeddingModelAutoConfiguration}
 * calls it once per app, so that documents and queries are embedded by the same model.
 */
public final class EmbeddingModelFactory {

	private EmbeddingModelFactory() {
	}

	public static EmbeddingModel create(EmbeddingSettings settings) {
		String provider = settings.provider() == null ? "" : settings.provider();
		return switch (provider) {
			case EmbeddingSettings.IN_PROCESS -> inProcess(settings);
			case EmbeddingSettings.OPENAI -> openAi(settings);
			default -> throw unknownProvider(provider);
		};
	}

	static IllegalArgumentException unknownProvider(String provider) {
		return new IllegalArgumentException("Unknown embedding provider '" + provider
				+ "' (scriptorium.embedding.provider): use '" + EmbeddingSettings.IN_PROCESS + "' or '"
				+ EmbeddingSettings.OPENAI + "'");
	}

	private static EmbeddingModel inProcess(EmbeddingSettings settings) {
		if (settings.dimensions() != InProcessModel.DIMENSIONS) {
			throw new IllegalArgumentException("The in-process model produces " + InProcessModel.DIMENSIONS
					+ "-dimensional vectors but scriptorium.embedding.dimensions is " + settings.dimensions()
					+ ": set it to " + InProcessModel.DIMENSIONS);
		}
		return new BundledOnnxModel(settings.inProcessModel(), settings.parallelTexts(), settings.threadsPerText());
	}

	private static EmbeddingModel openAi(EmbeddingSettings settings) {
		require(settings.baseUrl(), "scriptorium.embedding.openai.base-url");
		require(settings.apiKey(), "scriptorium.embedding.openai.api-key");
		require(settings.model(), "scriptorium.embedding.openai.model");
		return OpenAiEmbeddingModel.builder()
			.baseUrl(settings.baseUrl())
			.apiKey(settings.apiKey())
			.modelName(settings.model())
			.dimensions(settings.dimensions())
			.timeout(settings.timeout())
			// Temporal retries the activity with backoff; retrying inside it too would multiply the waits.
			.maxRetries(0)
			// Requests carry the API key in a header: never log them.
			.logRequests(false)
			.logResponses(false)
			.build();
	}

	private static void require(String value, String property) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(property + " must be set for the '" + EmbeddingSettings.OPENAI
					+ "' embedding provider");
		}
	}

}
