package io.scriptorium.worker.chunking;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** How documents are cut into chunks. Sizes are in tokens of the embedding model. */
@ConfigurationProperties("scriptorium.chunking")
public class ChunkingProperties {

	/**
	 * Most tokens per chunk, special tokens and the contextual header included; capped at what the model reads
	 * ({@code scriptorium.embedding.max-tokens}), since it would never read the rest. 256 with bge-small (whose
	 * window is 512) answered the shared test set as well as the 128-token chunks of MiniLM's window did in the
	 * hybrid ranking, with half as many chunks; a passage of a few sentences is also what a reader wants back.
	 */
	private int maxTokens = 256;

	/** Tokens of whole trailing sentences a chunk repeats from the one before, so that no passage is cut in two. */
	private int overlapTokens = 32;

	public int getMaxTokens() {
		return this.maxTokens;
	}

	public void setMaxTokens(int maxTokens) {
		this.maxTokens = maxTokens;
	}

	public int getOverlapTokens() {
		return this.overlapTokens;
	}

	public void setOverlapTokens(int overlapTokens) {
		this.overlapTokens = overlapTokens;
	}

}
