package io.scriptorium.workflows.embeddingmodel;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Counts with the very tokenizer an in-process model uses (shipped in its jar), but with truncation off: that
 * tokenizer cuts at the model's window, so counting with it as configured would hide over-long chunks.
 */
final class BundledTokenizerCounter implements TokenCounter {

	private final HuggingFaceTokenizer tokenizer;

	BundledTokenizerCounter(InProcessModel model) {
		DjlTelemetry.optOut();
		try (InputStream json = BundledOnnxModel.resource(model.tokenizerResource())) {
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
