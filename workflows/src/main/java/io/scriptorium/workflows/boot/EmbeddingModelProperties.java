package io.scriptorium.workflows.boot;

import io.scriptorium.workflows.embedding.EmbeddingSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedding model, {@code scriptorium.embedding.*}. Both apps bind the same keys: the worker embeds chunks with
 * the model and the api-server embeds queries with it, and a query embedded by another model would make distances
 * meaningless. The worker adds how it batches the work ({@code EmbeddingProperties} there).
 */
@ConfigurationProperties("scriptorium.embedding")
public class EmbeddingModelProperties {

	/**
	 * {@code in-process} (all-MiniLM-L6-v2 quantized, shipped in the jar) or {@code openai} (an OpenAI-compatible
	 * API).
	 */
	private String provider = EmbeddingSettings.IN_PROCESS;

	/** Name stored with every chunk for the in-process model; the openai provider stores {@code openai.model}. */
	private String modelName = "all-minilm-l6-v2-q";

	/**
	 * Vector size the model produces; must equal the {@code chunks.embedding} column's (the worker checks at
	 * startup).
	 */
	private int dimensions = 384;

	/** How long one request to the model may take (a search waits that long at most). */
	private Duration timeout = Duration.ofSeconds(60);

	/**
	 * Most tokens the model reads from one text, special tokens included; chunks are sized to fit. 128 for the
	 * bundled MiniLM (its tokenizer truncates there); 8191 for OpenAI's text-embedding-3 models.
	 */
	private int maxTokens = 128;

	private final InProcess inProcess = new InProcess();

	private final OpenAi openai = new OpenAi();

	public EmbeddingSettings toSettings() {
		boolean openAi = EmbeddingSettings.OPENAI.equals(this.provider);
		return new EmbeddingSettings(this.provider, openAi ? this.openai.getModel() : this.modelName, this.dimensions,
				this.openai.getBaseUrl(), this.openai.getApiKey(), this.timeout, this.maxTokens,
				this.inProcess.getParallelTexts(), this.inProcess.getThreadsPerText());
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

	public InProcess getInProcess() {
		return this.inProcess;
	}

	public OpenAi getOpenai() {
		return this.openai;
	}

	/**
	 * How the {@code in-process} model uses the CPU. The defaults suit the worker, which embeds many texts: one
	 * text per core, each on one thread. The api-server embeds one query at a time and answers sooner with
	 * {@code threads-per-text: 0}, every core on the one text.
	 */
	public static class InProcess {

		/** Texts embedded at once by this process, whoever asks; 0: one per core. */
		private int parallelTexts = EmbeddingSettings.DEFAULT_PARALLEL_TEXTS;

		/** Threads that one text's inference uses; 0: one per core. */
		private int threadsPerText = EmbeddingSettings.DEFAULT_THREADS_PER_TEXT;

		public int getParallelTexts() {
			return this.parallelTexts;
		}

		public void setParallelTexts(int parallelTexts) {
			this.parallelTexts = parallelTexts;
		}

		public int getThreadsPerText() {
			return this.threadsPerText;
		}

		public void setThreadsPerText(int threadsPerText) {
			this.threadsPerText = threadsPerText;
		}

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
