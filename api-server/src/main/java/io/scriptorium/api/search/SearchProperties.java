package io.scriptorium.api.search;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Limits of the search endpoint. */
@ConfigurationProperties("scriptorium.search")
public class SearchProperties {

	/** How many results a search returns when it does not say. */
	private int defaultK = 10;

	/** The most results one search may ask for. */
	private int maxK = 100;

	/** The longest query, in characters; the model would not read much more anyway. */
	private int maxQueryLength = 1000;

	/**
	 * The least HNSW candidate list size ({@code hnsw.ef_search}); a search for k results uses at least 2k, so
	 * that recall does not drop as k grows. The graph that concurrent ingestion builds can leave a small, distinct
	 * cluster (the corpus's one README among handbooks and novels) poorly linked: in the end-to-end test over the
	 * corpus's 11,000 chunks, pgvector's default of 40, and later 100, missed the README's chunk (similarity 0.56
	 * against 0.40 for the best chunk returned) that an exact scan ranks first; 200 found it.
	 */
	private int minEfSearch = 200;

	public int getDefaultK() {
		return this.defaultK;
	}

	public void setDefaultK(int defaultK) {
		this.defaultK = defaultK;
	}

	public int getMaxK() {
		return this.maxK;
	}

	public void setMaxK(int maxK) {
		this.maxK = maxK;
	}

	public int getMaxQueryLength() {
		return this.maxQueryLength;
	}

	public void setMaxQueryLength(int maxQueryLength) {
		this.maxQueryLength = maxQueryLength;
	}

	public int getMinEfSearch() {
		return this.minEfSearch;
	}

	public void setMinEfSearch(int minEfSearch) {
		this.minEfSearch = minEfSearch;
	}

}
