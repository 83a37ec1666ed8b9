package io.scriptorium.api.search;

import java.util.List;
import java.util.UUID;

/** The best chunks first, and how the search ran. */
public record SearchResponse(SearchMode mode, String embeddingModel, List<Result> results) {

	/**
	 * One chunk that matched.
	 *
	 * @param page the page it starts on (1-based; null for text formats)
	 * @param lastPage the page it ends on
	 * @param section the headings it sits under, {@code " > "} between levels
	 * @param text the chunk's text
	 * @param snippet the chunk's text, HTML-escaped, cut to the passages with the query's words, each word in
	 * {@code <mark>}
	 * @param score what the results are ordered by: the fused reciprocal-rank score (hybrid), the cosine similarity
	 * (vector) or the keyword score (keyword)
	 * @param vectorRank its rank among the nearest vectors, null if it is not among them
	 * @param keywordRank its rank in the full-text ranking, null if it is not in it
	 */
	public record Result(UUID documentId, String filename, String collection, int chunkIndex, Integer page,
			Integer lastPage, String section, String text, String snippet, double score, Integer vectorRank,
			Integer keywordRank) {
	}

}
