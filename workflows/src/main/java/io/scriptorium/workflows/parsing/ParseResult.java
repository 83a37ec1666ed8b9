package io.scriptorium.workflows.parsing;

import io.scriptorium.workflows.chunking.ChunkingResult;

/**
 * Counts only: {@code pages} in the document, how many of them carry text, the characters extracted, the pages
 * that could not be read and were left out ({@code skippedPages}), and those without a text layer, for OCR
 * ({@code pagesNeedingOcr}); {@code chunked}, the chunks of {@link ParsingActivities#extractAndChunkText}, or null
 * when it did not chunk. Fields added later are absent, so 0 or null, in results recorded before them.
 */
public record ParseResult(int pages, int pagesWithText, long characters, int skippedPages, int pagesNeedingOcr,
		ChunkingResult chunked) {

	/** Before chunking. */
	public ParseResult(int pages, int pagesWithText, long characters, int skippedPages, int pagesNeedingOcr) {
		this(pages, pagesWithText, characters, skippedPages, pagesNeedingOcr, null);
	}

	/** This result with the chunks the same activity made of its pages. */
	public ParseResult withChunks(ChunkingResult chunks) {
		return new ParseResult(this.pages, this.pagesWithText, this.characters, this.skippedPages,
				this.pagesNeedingOcr, chunks);
	}

}
