package io.scriptorium.api.documents;

import java.util.List;

/** A slice of a document's chunks in reading order, and how many it has in all. */
public record ChunkPage(List<Chunk> items, long total) {

	/**
	 * One chunk: {@code page} and {@code lastPage} are 1-based, null for text formats; {@code section} is the
	 * heading path it sits under ({@code " > "} between levels); {@code tokenCount} what the model read.
	 */
	public record Chunk(int index, Integer page, Integer lastPage, String section, String text, int tokenCount,
			String embeddingModel) {
	}

}
