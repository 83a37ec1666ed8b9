package io.scriptorium.workflows.embeddingmodel;

import java.time.Duration;

/**
 * The embedding model both apps use, resolved from {@link EmbeddingModelProperties}: the worker embeds chunks with
 * it and the api-server embeds search queries with the same model.
 *
 * @param provider {@code in-process} (an {@link InProcessModel}, shipped in a jar) or {@code openai} (any
 * OpenAI-compatible {@code /v1/embeddings} endpoint)
 * @param model the model name, stored with every chunk; for {@code in-process} an {@link InProcessModel#modelName()}
 * @param dimensions the vector size; must match the chunks table
 * @param baseUrl the OpenAI-compatible base URL (e.g. {@code https://api.openai.com/v1})
 * @param apiKey the API key for {@code openai}; never logged
 * @param timeout how long one embedding request may take
 * @param maxTokens the most tokens the model reads from one text; chunks are sized to fit
 * @param queryPrefix what a search query is prefixed with before it is embedded (a retrieval model's instruction)
 * @param parallelTexts for {@code in-process}: texts embedded at once (0: one per core)
 * @param threadsPerText for {@code in-process}: threads one text's inference uses (0: one per core)
 */
public record EmbeddingSettings(String provider, String model, int dimensions, String baseUrl, String apiKey,
		Duration timeout, int maxTokens, String queryPrefix, int parallelTexts, int threadsPerText) {

	public static final String IN_PROCESS = "in-process";

	public static final String OPENAI = "openai";

	/** The text embedded for a search query. */
	public String queryText(String query) {
		return this.queryPrefix + query;
	}

	/** The in-process model these settings name; only for the {@code in-process} provider. */
	InProcessModel inProcessModel() {
		return InProcessModel.named(this.model);
	}

	@Override
	public String toString() {
		return "EmbeddingSettings[provider=" + this.provider + ", model=" + this.model + ", dimensions="
				+ this.dimensions + ", baseUrl=" + this.baseUrl + ", maxTokens=" + this.maxTokens + "]";
	}

}
