package io.scriptorium.workflows.embeddingmodel;

/**
 * Counts the tokens an embedding model reads from a text, special tokens included, so that chunks can be sized to
 * what the model actually sees: a model silently drops whatever lies past its limit.
 */
@FunctionalInterface
public interface TokenCounter {

	/** @return the number of tokens the model reads for {@code text}, without truncation */
	int count(String text);

	/** Counts several texts at once; a tokenizer may do this faster than one call per text. */
	default int[] countEach(java.util.List<String> texts) {
		int[] counts = new int[texts.size()];
		for (int i = 0; i < counts.length; i++) {
			counts[i] = count(texts.get(i));
		}
		return counts;
	}

	/**
	 * The counter for the model {@code settings} describe (built once per app by
	 * {@link EmbeddingModelAutoConfiguration}): the tokenizer bundled with the in-process model, or
	 * OpenAI's {@code cl100k_base} for an OpenAI-compatible endpoint (exact for OpenAI's embedding models, an
	 * estimate for others).
	 */
	static TokenCounter create(EmbeddingSettings settings) {
		return switch (settings.provider()) {
			case EmbeddingSettings.IN_PROCESS -> new BundledTokenizerCounter(settings.inProcessModel());
			case EmbeddingSettings.OPENAI -> new Cl100kTokenCounter();
			default -> throw EmbeddingModelFactory.unknownProvider(settings.provider());
		};
	}

}
