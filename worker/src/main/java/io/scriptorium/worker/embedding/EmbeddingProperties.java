package io.scriptorium.worker.embedding;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Which embedding model the worker uses and how it spreads the work of embedding a document. */
@ConfigurationProperties("scriptorium.embedding")
public class EmbeddingProperties {

	/** {@code in-process} (all-MiniLM-L6-v2, quantized, shipped in the jar) or {@code openai}. */
	private String provider = "in-process";

	/** Name stored with every chunk for the in-process model; the openai provider stores {@code openai.model}. */
	private String modelName = "all-minilm-l6-v2-q";

	/** Vector size the model produces; must equal the chunks.embedding column's (checked at startup). */
	private int dimensions = 384;

	/**
	 * Most tokens the model reads from one text, special tokens included; chunks are sized to fit. 128 for the
	 * bundled MiniLM (its tokenizer truncates there); 8191 for OpenAI's text-embedding-3 models.
	 */
	private int maxTokens = 128;

	/** How long one request to the model may take. */
	private Duration timeout = Duration.ofSeconds(60);

	/** Chunks per embedding activity: 64 keeps a 2,000-chunk document at about 32 activities. */
	private int batchSize = 64;

	/** Embedding activities a document runs at once. */
	private int parallelBatches = 2;

	/** Chunks per call to the model within an activity; the activity heartbeats after each. */
	private int requestSize = 16;

	private final OpenAi openai = new OpenAi();

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

	public int getMaxTokens() {
		return this.maxTokens;
	}

	public void setMaxTokens(int maxTokens) {
		this.maxTokens = maxTokens;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public int getBatchSize() {
		return this.batchSize;
	}

	public void setBatchSize(int batchSize) {
		this.batchSize = batchSize;
	}

	public int getParallelBatches() {
		return this.parallelBatches;
	}

	public void setParallelBatches(int parallelBatches) {
		this.parallelBatches = parallelBatches;
	}

	public int getRequestSize() {
		return this.requestSize;
	}

	public void setRequestSize(int requestSize) {
		this.requestSize = requestSize;
	}

	public OpenAi getOpenai() {
		return this.openai;
	}

	/** An OpenAI-compatible {@code /v1/embeddings} endpoint, used when {@code provider} is {@code openai}. */
	public static class OpenAi {

		/** Base URL, up to and including {@code /v1}. */
		private String baseUrl = "https://api.openai.com/v1";

		/** API key sent as a bearer token; never logged. */
		private String apiKey;

		/** Model name sent with each request and stored with the chunks. */
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
