package io.scriptorium.workflows.embedding;

import java.time.Duration;

/**
 * Which embedding model to use. Both apps bind it from {@code scriptorium.embedding.*}: the worker embeds chunks
 * with it and the api-server embeds search queries with the same model.
 *
 * @param provider {@code in-process} (all-MiniLM-L6-v2, quantized, shipped in the jar) or {@code openai} (any
 * OpenAI-compatible {@code /v1/embeddings} endpoint)
 * @param model the model name; for {@code in-process} it is informational and stored with the chunks
 * @param dimensions the vector size; must match the chunks table
 * @param baseUrl the OpenAI-compatible base URL (e.g. {@code https://api.openai.com/v1})
 * @param apiKey the API key for {@code openai}; never logged
 * @param timeout how long one embedding request may take
 * @param maxTokens the most tokens the model reads from one text; chunks are sized to fit
 * @param parallelTexts for {@code in-process}: texts embedded at once (0: one per core)
 * @param threadsPerText for {@code in-process}: threads one text's inference uses (0: one per core)
 */
public record EmbeddingSettings(String provider, String model, int dimensions, String baseUrl, String apiKey,
		Duration timeout, int maxTokens, int parallelTexts, int threadsPerText) {

	public static final String IN_PROCESS = "in-process";

	public static final String OPENAI = "openai";

	/** In-process default: as many texts at once as there are cores (0 means one per core). */
	public static final int DEFAULT_PARALLEL_TEXTS = 0;

	/** In-process default: one thread per text, which gives the most throughput. */
	public static final int DEFAULT_THREADS_PER_TEXT = 1;

	/** Settings with the in-process model's defaults for throughput. */
	public EmbeddingSettings(String provider, String model, int dimensions, String baseUrl, String apiKey,
			Duration timeout, int maxTokens) {
		this(provider, model, dimensions, baseUrl, apiKey, timeout, maxTokens, DEFAULT_PARALLEL_TEXTS,
				DEFAULT_THREADS_PER_TEXT);
	}

	@Override
	public String toString() {
		return "EmbeddingSettings[provider=" + this.provider + ", model=" + this.model + ", dimensions="
				+ this.dimensions + ", baseUrl=" + this.baseUrl + ", maxTokens=" + this.maxTokens + "]";
	}

}
