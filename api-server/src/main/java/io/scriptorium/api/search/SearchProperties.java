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

	/**
	 * How many chunks each ranking contributes before they are fused (at least k): reciprocal rank fusion needs each
	 * list deeper than the results, or a chunk ranked 8th by one and 3rd by the other is lost.
	 */
	private int candidates = 50;

	/**
	 * The constant of reciprocal rank fusion, 1 / (rrf-k + rank): 60, as in Cormack et al. and the peers, keeps a
	 * chunk first in one ranking from outweighing one high in both.
	 */
	private int rrfK = 60;

	/**
	 * Queries of more words than this are questions in their own words rather than terms to look up: their keyword
	 * ranking counts {@code question-keyword-weight} in the fusion. On the shared test set, long questions lost their
	 * answer to chunks that matched many of their common words (hit@5 of paraphrased questions 0.67 with equal
	 * weights, 0.89 with the keyword ranking halved for them), while short queries need the keyword ranking whole.
	 */
	private int maxKeywordQueryWords = 6;

	/** The weight of the keyword ranking in the fusion for queries longer than {@code max-keyword-query-words}. */
	private double questionKeywordWeight = 0.5;

	/**
	 * The weight of the keyword ranking in the fusion for a query with an identifier ({@code QueryShape}): the chunk
	 * that holds it exactly is what was asked for, however close in meaning its neighbours are (on the shared test
	 * set, an RFP number's chunk was first by keyword, fifth by vector and third fused with equal weights).
	 */
	private double identifierKeywordWeight = 2.0;

	/**
	 * A query word found in more chunks than this is left out of the keyword ranking: it tells little about any of
	 * them (its weight would be small) and reading all its chunks would cost the most. Bounds the keyword ranking's
	 * work per word at any corpus size.
	 */
	private int maxTermChunks = 1000;

	/**
	 * How many query vectors the api-server keeps: a query asked again (a user paging, a dashboard refreshing, the
	 * same question from many users) is not embedded again. 0 turns the cache off.
	 */
	private int queryVectorCacheSize = 1000;

	public int getQueryVectorCacheSize() {
		return this.queryVectorCacheSize;
	}

	public void setQueryVectorCacheSize(int queryVectorCacheSize) {
		this.queryVectorCacheSize = queryVectorCacheSize;
	}

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

	public int getCandidates() {
		return this.candidates;
	}

	public void setCandidates(int candidates) {
		this.candidates = candidates;
	}

	public int getRrfK() {
		return this.rrfK;
	}

	public void setRrfK(int rrfK) {
		this.rrfK = rrfK;
	}

	public int getMaxKeywordQueryWords() {
		return this.maxKeywordQueryWords;
	}

	public void setMaxKeywordQueryWords(int maxKeywordQueryWords) {
		this.maxKeywordQueryWords = maxKeywordQueryWords;
	}

	public double getQuestionKeywordWeight() {
		return this.questionKeywordWeight;
	}

	public void setQuestionKeywordWeight(double questionKeywordWeight) {
		this.questionKeywordWeight = questionKeywordWeight;
	}

	public double getIdentifierKeywordWeight() {
		return this.identifierKeywordWeight;
	}

	public void setIdentifierKeywordWeight(double identifierKeywordWeight) {
		this.identifierKeywordWeight = identifierKeywordWeight;
	}

	public int getMaxTermChunks() {
		return this.maxTermChunks;
	}

	public void setMaxTermChunks(int maxTermChunks) {
		this.maxTermChunks = maxTermChunks;
	}

	public int getMinEfSearch() {
		return this.minEfSearch;
	}

	public void setMinEfSearch(int minEfSearch) {
		this.minEfSearch = minEfSearch;
	}

}
