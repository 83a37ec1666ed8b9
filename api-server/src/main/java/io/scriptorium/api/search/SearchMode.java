package io.scriptorium.api.search;

/** Which rankings a search uses. */
public enum SearchMode {

	/** Both, fused by reciprocal rank: what answers most questions, paraphrased or exact. */
	HYBRID,

	/** Nearest vectors only: meaning, whatever the words. */
	VECTOR,

	/** Full-text only: the query's words and identifiers, weighted by how rare they are. */
	KEYWORD

}
