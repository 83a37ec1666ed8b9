package io.scriptorium.api.search;

import java.util.List;
import java.util.UUID;

/** The closest chunks first; {@code score} is the cosine similarity (1 - cosine distance). */
public record SearchResponse(List<Result> results) {

	public record Result(UUID documentId, String filename, int chunkIndex, Integer page, String text, double score) {
	}

}
