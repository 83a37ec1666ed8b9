package io.scriptorium.worker.chunking;

import io.scriptorium.workflows.embeddingmodel.EmbeddingSettings;
import io.scriptorium.workflows.embeddingmodel.TokenCounter;
import java.util.List;

/**
 * The worker's chunking of one parsed document, called in the bench's JVM: what {@link DocumentChunker} does
 * with {@link Sections} and {@link TextChunker}, with the worker's default chunk sizes, but with the pages handed in
 * rather than read from the database, and the chunks counted rather than stored. It is the bench's, not the
 * worker's: it sits in the worker's package so that the worker need not make {@link Sections} public for a
 * measurement.
 */
public final class InJvmChunker {

	/** A heading as parsing stores it: its page (segment for text formats), level and title. */
	public record Heading(int page, int level, String title) {
	}

	private final TokenCounter counter;

	private final int maxTokens;

	private final int overlapTokens;

	/** @param embedding the model the chunks are sized for, as the worker is configured with it */
	public InJvmChunker(EmbeddingSettings embedding) {
		ChunkingProperties chunking = new ChunkingProperties();
		this.counter = TokenCounter.create(embedding);
		this.maxTokens = DocumentChunker.maxTokens(chunking, embedding);
		this.overlapTokens = chunking.getOverlapTokens();
	}

	/**
	 * @param title the document's title, or null
	 * @param pages the pages' (or segments') text, numbered from 1
	 * @param paged false for text formats, whose segments are no pages
	 * @return the number of chunks
	 */
	public int chunk(String title, List<Heading> headings, List<String> pages, boolean paged) {
		TextChunker chunker = new TextChunker(this.counter, this.maxTokens, this.overlapTokens, (chunk) -> {
		});
		Sections sections = new Sections(headings.stream()
			.map(h -> new Sections.Heading(h.page(), h.level(), h.title()))
			.toList());
		chunker.section(null, Sections.context(title, null));
		for (int page = 1; page <= pages.size(); page++) {
			DocumentChunker.chunkPage(chunker, sections, title, page, pages.get(page - 1), paged);
		}
		chunker.finish();
		return chunker.chunkCount();
	}

}
