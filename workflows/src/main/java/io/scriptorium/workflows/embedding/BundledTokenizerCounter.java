package io.scriptorium.workflows.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Counts with the very tokenizer the in-process MiniLM model uses (shipped in its jar), but with truncation off:
 * that tokenizer cuts at 128 tokens, so counting with it as configured would hide over-long chunks.
 */
final class BundledTokenizerCounter implements TokenCounter {

	static final BundledTokenizerCounter INSTANCE = new BundledTokenizerCounter();

	private final HuggingFaceTokenizer tokenizer;

	private BundledTokenizerCounter() {
		DjlTelemetry.optOut();
		try (InputStream json = BundledMiniLmModel.resource(BundledMiniLmModel.TOKENIZER)) {
			this.tokenizer = HuggingFaceTokenizer.newInstance(json,
					Map.of("padding", "false", "truncation", "false"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public int count(String text) {
		return this.tokenizer.encode(text, true, false).getIds().length;
	}

	@Override
	public int[] countEach(List<String> texts) {
		Encoding[] encodings = this.tokenizer.batchEncode(texts, true, false);
		int[] counts = new int[encodings.length];
		for (int i = 0; i < counts.length; i++) {
			counts[i] = encodings[i].getIds().length;
		}
		return counts;
	}

}
