package io.scriptorium.worker.chunking;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** How documents are cut into chunks. Sizes are in tokens of the embedding model. */
@ConfigurationProperties("scriptorium.chunking")
public class ChunkingProperties {

	/**
	 * Most tokens per chunk, special tokens included. Unset means the model's limit
	 * ({@code scriptorium.embedding.max-tokens}); a larger value is capped to it, since the model would never read
	 * the rest.
	 */
	private Integer maxTokens;

	/** Tokens of whole trailing sentences a chunk repeats from the one before, so that no passage is cut in two. */
	private int overlapTokens = 16;

	public Integer getMaxTokens() {
		return this.maxTokens;
	}

	public void setMaxTokens(Integer maxTokens) {
		this.maxTokens = maxTokens;
	}

	public int getOverlapTokens() {
		return this.overlapTokens;
	}

	public void setOverlapTokens(int overlapTokens) {
		this.overlapTokens = overlapTokens;
	}

}
