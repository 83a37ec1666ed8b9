package io.scriptorium.workflows.embeddingmodel;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/** Counts with OpenAI's {@code cl100k_base}, the encoding of its embedding models; they add no special tokens. */
final class Cl100kTokenCounter implements TokenCounter {

	private static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

	@Override
	public int count(String text) {
		return ENCODING.countTokensOrdinary(text);
	}

}
