package io.scriptorium.api.documents;

import java.util.List;

/** A slice of a document's chunks in reading order, and how many it has in all. */
public record ChunkPage(List<Chunk> items, long total) {

	/** {@code page} is 1-based, null for text formats. */
	public record Chunk(int index, Integer page, String text) {
	}

}
