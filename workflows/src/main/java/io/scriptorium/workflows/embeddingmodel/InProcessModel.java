package io.scriptorium.workflows.embeddingmodel;

import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The embedding models that run inside the process, from LangChain4j's jars (ONNX, quantized): what each one needs
 * to be run and to be asked the right way. Their names are stored with every chunk, so that search compares only
 * vectors of the model it embeds queries with.
 */
public enum InProcessModel {

	/**
	 * all-MiniLM-L6-v2: a sentence-similarity model, fast, with a 128-token window; what Scriptorium used first.
	 */
	ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", "/all-minilm-l6-v2-q.onnx", "/all-minilm-l6-v2-q-tokenizer.json",
			PoolingMode.MEAN, 128, ""),

	/**
	 * BAAI bge-small-en-v1.5: trained for retrieval, a 512-token window; queries carry the instruction its authors
	 * give for short queries against passages, documents none.
	 */
	BGE_SMALL_EN_V15_Q("bge-small-en-v15-q", "/bge-small-en-v1.5-q.onnx", "/bge-small-en-v1.5-q-tokenizer.json",
			PoolingMode.CLS, 512, "Represent this sentence for searching relevant passages: ");

	/** Both models make vectors of this size, the size of the chunks table's column. */
	public static final int DIMENSIONS = 384;

	private final String modelName;

	private final String onnxResource;

	private final String tokenizerResource;

	private final PoolingMode pooling;

	private final int maxTokens;

	private final String queryPrefix;

	InProcessModel(String modelName, String onnxResource, String tokenizerResource, PoolingMode pooling,
			int maxTokens, String queryPrefix) {
		this.modelName = modelName;
		this.onnxResource = onnxResource;
		this.tokenizerResource = tokenizerResource;
		this.pooling = pooling;
		this.maxTokens = maxTokens;
		this.queryPrefix = queryPrefix;
	}

	/** The name stored with every chunk this model embeds. */
	public String modelName() {
		return this.modelName;
	}

	String onnxResource() {
		return this.onnxResource;
	}

	String tokenizerResource() {
		return this.tokenizerResource;
	}

	PoolingMode pooling() {
		return this.pooling;
	}

	/** The most tokens the model reads from one text, special tokens included; its tokenizer truncates there. */
	public int maxTokens() {
		return this.maxTokens;
	}

	/** What is put before a search query (not before a document's text) when it is embedded. */
	public String queryPrefix() {
		return this.queryPrefix;
	}

	/** The model whose stored name is {@code modelName}. */
	public static InProcessModel named(String modelName) {
		return Arrays.stream(values())
			.filter(model -> model.modelName.equals(modelName))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown in-process embedding model '" + modelName
					+ "' (scriptorium.embedding.in-process.model): use one of "
					+ Arrays.stream(values()).map(InProcessModel::modelName).collect(Collectors.joining(", "))));
	}

}
