package io.scriptorium.api.search;

import io.scriptorium.workflows.embedding.EmbeddingSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedding model, bound from the same {@code scriptorium.embedding.*} keys as the worker's: a query must be
 * embedded by the model that embedded the chunks, or its distances mean nothing.
 */
@ConfigurationProperties("scriptorium.embedding")
public class EmbeddingProperties {

	/** {@code in-process} (all-MiniLM-L6-v2 quantized, in the jar) or {@code openai} (OpenAI-compatible API). */
	private String provider = EmbeddingSettings.IN_PROCESS;

	/** The in-process model's name, stored with the chunks it embeds. */
	private String modelName = "all-minilm-l6-v2-q";

	/** The vector size; must match the {@code chunks.embedding} column. */
	private int dimensions = 384;

	/** How long embedding one query may take; a search waits that long at most. */
	private Duration timeout = Duration.ofSeconds(30);

	/** The most tokens the model reads from one text. */
	private int maxTokens = 128;

	/** The OpenAI-compatible endpoint, used when {@code provider} is {@code openai}. */
	private final OpenAi openai = new OpenAi();

	public EmbeddingSettings toSettings() {
		boolean openAi = EmbeddingSettings.OPENAI.equals(this.provider);
		return new EmbeddingSettings(this.provider, openAi ? this.openai.getModel() : this.modelName, this.dimensions,
				this.openai.getBaseUrl(), this.openai.getApiKey(), this.timeout, this.maxTokens);
	}

	public String getProvider() {
		return this.provider;
	}

	public void setProvider(String provider) {
		this.provider = provider;
	}

	public String getModelName() {
		return this.modelName;
	}

	public void setModelName(String modelName) {
		this.modelName = modelName;
	}

	public int getDimensions() {
		return this.dimensions;
	}

	public void setDimensions(int dimensions) {
		this.dimensions = dimensions;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public int getMaxTokens() {
		return this.maxTokens;
	}

	public void setMaxTokens(int maxTokens) {
		this.maxTokens = maxTokens;
	}

	public OpenAi getOpenai() {
		return this.openai;
	}

	public static class OpenAi {

		/** The base URL, e.g. {@code https://api.openai.com/v1}. */
		private String baseUrl = "https://api.openai.com/v1";

		/** The API key; never logged. */
		private String apiKey;

		/** The embedding model's name at that endpoint. */
		private String model = "text-embedding-3-small";

		public String getBaseUrl() {
			return this.baseUrl;
		}

		public void setBaseUrl(String baseUrl) {
			this.baseUrl = baseUrl;
		}

		public String getApiKey() {
			return this.apiKey;
		}

		public void setApiKey(String apiKey) {
			this.apiKey = apiKey;
		}

		public String getModel() {
			return this.model;
		}

		public void setModel(String model) {
			this.model = model;
		}

	}

}
