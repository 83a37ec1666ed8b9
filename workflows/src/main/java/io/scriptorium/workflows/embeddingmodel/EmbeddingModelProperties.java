package io.scriptorium.workflows.embeddingmodel;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedding model, {@code scriptorium.embedding.*}. Both apps bind the same keys: the worker embeds chunks with
 * the model and the api-server embeds queries with it, and a query embedded by another model would make distances
 * meaningless. {@link EmbeddingModelAutoConfiguration} builds the model from them.
 */
@ConfigurationProperties("scriptorium.embedding")
public class EmbeddingModelProperties {

	/** {@code in-process} (a model shipped in a jar, see {@code in-process.model}) or {@code openai}. */
	private String provider = EmbeddingSettings.IN_PROCESS;

	/**
	 * Vector size the model produces; must equal the {@code chunks.embedding} column's (the worker checks at
	 * startup).
	 */
	private int dimensions = InProcessModel.DIMENSIONS;

	/** How long one request to the model may take (a search waits that long at most). */
	private Duration timeout = Duration.ofSeconds(60);

	/**
	 * Most tokens the model reads from one text, special tokens included; chunks are sized to fit. 0: the
	 * in-process model's own window, or {@value #OPENAI_MAX_TOKENS} (OpenAI's text-embedding-3) for {@code openai}.
	 */
	private int maxTokens;

	/** Put before a search query when it is embedded; unset: the in-process model's instruction, none for openai. */
	private String queryPrefix;

	private final InProcess inProcess = new InProcess();

	private final OpenAi openai = new OpenAi();

	static final int OPENAI_MAX_TOKENS = 8191;

	public EmbeddingSettings toSettings() {
		if (EmbeddingSettings.OPENAI.equals(this.provider)) {
			return settings(this.openai.getModel(), or(this.maxTokens, OPENAI_MAX_TOKENS),
					(this.queryPrefix != null) ? this.queryPrefix : "");
		}
		InProcessModel model = this.inProcess.getModel();
		return settings(model.modelName(), or(this.maxTokens, model.maxTokens()),
				(this.queryPrefix != null) ? this.queryPrefix : model.queryPrefix());
	}

	private EmbeddingSettings settings(String model, int maxTokens, String queryPrefix) {
		return new EmbeddingSettings(this.provider, model, this.dimensions, this.openai.getBaseUrl(),
				this.openai.getApiKey(), this.timeout, maxTokens, queryPrefix, this.inProcess.getParallelTexts(),
				this.inProcess.getThreadsPerText());
	}

	private static int or(int value, int otherwise) {
		return (value > 0) ? value : otherwise;
	}

	public String getProvider() {
		return this.provider;
	}

	public void setProvider(String provider) {
		this.provider = provider;
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

	public String getQueryPrefix() {
		return this.queryPrefix;
	}

	public void setQueryPrefix(String queryPrefix) {
		this.queryPrefix = queryPrefix;
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

		/**
		 * Which model; its name is stored with every chunk. bge-small-en-v1.5, trained for retrieval, answered the
		 * shared test set's paraphrased questions far better than all-MiniLM-L6-v2 (vector hit@5 0.89 against 0.67)
		 * for 1.3-1.7 times the embedding time per document (README, Search).
		 */
		private InProcessModel model = InProcessModel.BGE_SMALL_EN_V15_Q;

		/** Texts embedded at once by this process, whoever asks; 0: one per core. */
		private int parallelTexts;

		/** Threads that one text's inference uses; 0: one per core. One per text gives the most throughput. */
		private int threadsPerText = 1;

		public InProcessModel getModel() {
			return this.model;
		}

		public void setModel(InProcessModel model) {
			this.model = model;
		}

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
