package io.scriptorium.api.search;

import com.pgvector.PGvector;
import io.scriptorium.workflows.document.DocumentType;
import io.scriptorium.workflows.document.TextSearchLanguage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Searches the chunks of READY documents, in one SQL statement: the nearest vectors (HNSW), the full-text ranking
 * (GIN), or both fused by reciprocal rank.
 * <p>
 * The full-text ranking is BM25's idea without its term frequencies: a chunk scores the sum of the inverse document
 * frequencies of the query's words it contains, so that a rare identifier outweighs any number of common words.
 * PostgreSQL's own ts_rank knows no frequencies across chunks and ranks a chunk that repeats "form" over the one with
 * "Form 4070". A word's frequency is read from {@code search_terms} (kept by triggers as chunks are published and
 * deleted); a word in more than {@code max-term-chunks} chunks says little about any of them and is left out, and
 * the others' chunks are found in the GIN index, which bounds the work at any corpus size.
 * The query's words are read in every stemmed language and as they are (simple), because a query's language cannot
 * be told from a few words and each chunk is indexed in its document's. An identifier the parser splits into
 * several words (USCA-03-R-0045, 000-30653, $402,200) also counts as the phrase of its parts, weighted by its own
 * rarity: it is found as the whole it is, not only as the common pieces it is made of. How much the keyword ranking
 * counts in the fusion follows the query's {@link QueryShape}.
 */
@Service
class SearchService {

	private static final String QUERY_TERMS = """
			query_terms AS (
			    SELECT t.lexeme,
			        CAST('''' || replace(replace(t.lexeme, '\\', '\\\\'), '''', '''''') || '''' AS tsquery) AS query
			    FROM unnest(CAST(:configs AS regconfig[])) AS config, unnest(to_tsvector(config, :text)) AS t
			    UNION
			    SELECT CAST(phrase AS text), phrase
			    FROM unnest(CAST(:configs AS regconfig[])) AS config, unnest(CAST(:identifiers AS text[])) AS word,
			        phraseto_tsquery(config, word) AS phrase
			    WHERE numnode(phrase) > 1
			)""";

	private static final String VECTOR_HITS = """
			vector_hits AS (
			    SELECT document_id, chunk_index, distance, row_number() OVER (ORDER BY distance) AS rank
			    FROM (
			        SELECT c.document_id, c.chunk_index, c.embedding <=> CAST(:vector AS vector) AS distance
			        FROM chunks c
			        WHERE c.searchable AND c.embedding_model = :model %1$s
			        ORDER BY c.embedding <=> CAST(:vector AS vector)
			        LIMIT :candidates
			    ) nearest
			)""";

	private static final String KEYWORD_HITS = """
			term_stats AS (
			    SELECT lexeme, query, known
			    FROM (SELECT q.lexeme, q.query, (SELECT s.chunks FROM search_terms s WHERE s.lexeme = q.lexeme) AS known
			          FROM query_terms q) looked_up
			    WHERE known IS NULL OR known BETWEEN 1 AND :maxTermChunks
			),
			term_hits AS (
			    SELECT t.lexeme, hit.document_id, hit.chunk_index
			    FROM term_stats t CROSS JOIN LATERAL (
			        SELECT c.document_id, c.chunk_index FROM chunks c
			        WHERE c.searchable AND c.terms @@ t.query %1$s
			        LIMIT :maxTermChunks + 1
			    ) hit
			),
			term_weights AS (
			    SELECT h.lexeme,
			        ln(1 + (total.chunks - coalesce(max(t.known), count(*)) + 0.5)
			            / (coalesce(max(t.known), count(*)) + 0.5)) AS weight
			    FROM term_hits h JOIN term_stats t USING (lexeme),
			        (SELECT CAST(greatest(coalesce(max(chunks), 0), :maxTermChunks * 10) AS float8) AS chunks
			         FROM search_terms WHERE lexeme = '') total
			    GROUP BY h.lexeme, total.chunks
			    HAVING count(*) <= :maxTermChunks
			),
			keyword_hits AS (
			    SELECT document_id, chunk_index, score,
			        row_number() OVER (ORDER BY score DESC, document_id, chunk_index) AS rank
			    FROM (
			        SELECT h.document_id, h.chunk_index, sum(w.weight) AS score
			        FROM term_hits h JOIN term_weights w USING (lexeme)
			        GROUP BY h.document_id, h.chunk_index
			        ORDER BY score DESC, h.document_id, h.chunk_index
			        LIMIT :candidates
			    ) best
			)""";

	private static final String FUSED_HYBRID = """
			fused AS (
			    SELECT document_id, chunk_index, v.rank AS vector_rank, k.rank AS keyword_rank,
			        coalesce(1.0 / (:rrfK + v.rank), 0) + coalesce(:keywordWeight / (:rrfK + k.rank), 0) AS score
			    FROM vector_hits v FULL JOIN keyword_hits k USING (document_id, chunk_index)
			)""";

	private static final String FUSED_VECTOR = """
			fused AS (
			    SELECT document_id, chunk_index, rank AS vector_rank, CAST(NULL AS bigint) AS keyword_rank,
			        1 - distance AS score
			    FROM vector_hits
			)""";

	private static final String FUSED_KEYWORD = """
			fused AS (
			    SELECT document_id, chunk_index, CAST(NULL AS bigint) AS vector_rank, rank AS keyword_rank, score
			    FROM keyword_hits
			)""";

	/** The best k, with what a result shows; the snippet marks every query word the chunk holds. */
	private static final String RESULTS = """
			SELECT f.document_id, d.filename, d.collection, f.chunk_index, c.page, c.last_page, c.section, c.text,
			    ts_headline(c.text_search_config,
			        replace(replace(replace(c.text, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
			        CAST(coalesce((SELECT string_agg(CAST(query AS text), ' | ') FROM query_terms), '') AS tsquery),
			        'StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=15, MaxFragments=2') AS snippet,
			    f.score, f.vector_rank, f.keyword_rank
			FROM (SELECT * FROM fused ORDER BY score DESC, document_id, chunk_index LIMIT :k) f
			JOIN chunks c USING (document_id, chunk_index)
			JOIN documents d ON d.id = f.document_id
			ORDER BY f.score DESC, f.document_id, f.chunk_index""";

	/** Every text-search configuration, in which the query's words are read. */
	private static final String[] CONFIGS = TextSearchLanguage.configs().toArray(String[]::new);

	private final QueryEmbedder embedder;

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final SearchProperties properties;

	private final JsonMapper json;

	SearchService(QueryEmbedder embedder, JdbcClient jdbc, TransactionTemplate transaction,
			SearchProperties properties, JsonMapper json) {
		this.embedder = embedder;
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.properties = properties;
		this.json = json;
	}

	SearchResponse search(String query, int k, SearchMode mode, SearchFilters filters) {
		String vector = (mode != SearchMode.KEYWORD) ? new PGvector(this.embedder.embed(query)).toString() : null;
		int candidates = Math.max(k, this.properties.getCandidates());
		QueryShape shape = QueryShape.of(query);
		List<SearchResponse.Result> results = this.transaction.execute(status -> {
			// The driver prepares a statement on the server after a few runs, and PostgreSQL may then plan it once for
			// any parameters: without the LIMIT's value that generic plan computed the distance to every chunk (a
			// sequential scan, 350 ms at 6,000 chunks) instead of walking the HNSW index (2 ms). Plan each search
			// for its own parameters.
			Map<String, String> settings = new LinkedHashMap<>();
			settings.put("plan_cache_mode", "force_custom_plan");
			// At 100,000 chunks the planner's cost passes jit_above_cost and PostgreSQL compiled the statement before
			// each run: 90 ms of compiling for 20 ms of searching. A search is too short for JIT ever to pay back.
			settings.put("jit", "off");
			if (vector != null) {
				// The candidate list grows with the candidates asked.
				settings.put("hnsw.ef_search",
						String.valueOf(Math.max(this.properties.getMinEfSearch(), 2 * candidates)));
				if (filters.any()) {
					// The index scan filters after it finds candidates; it keeps scanning until it has enough.
					settings.put("hnsw.iterative_scan", "relaxed_order");
				}
			}
			setLocal(settings);
			JdbcClient.StatementSpec spec = this.jdbc.sql(sql(mode, filters))
				.param("configs", CONFIGS)
				.param("text", query + " " + TextSearchLanguage.cjkBigrams(query))
				.param("identifiers", shape.identifiers().toArray(String[]::new))
				.param("k", k)
				.param("candidates", candidates);
			if (vector != null) {
				spec = spec.param("vector", vector).param("model", this.embedder.modelName());
			}
			if (mode != SearchMode.VECTOR) {
				spec = spec.param("maxTermChunks", this.properties.getMaxTermChunks());
			}
			if (mode == SearchMode.HYBRID) {
				spec = spec.param("rrfK", this.properties.getRrfK()).param("keywordWeight", keywordWeight(shape));
			}
			return bindFilters(spec, filters).query(SearchService::result).list();
		});
		return new SearchResponse(mode, this.embedder.modelName(), results);
	}

	/**
	 * An identifier decides; short queries are terms to look up; longer ones are questions, answered more by meaning
	 * than by words.
	 */
	private double keywordWeight(QueryShape shape) {
		if (!shape.identifiers().isEmpty()) {
			return this.properties.getIdentifierKeywordWeight();
		}
		return (shape.words() > this.properties.getMaxKeywordQueryWords()) ? this.properties.getQuestionKeywordWeight()
				: 1.0;
	}

	private static String sql(SearchMode mode, SearchFilters filters) {
		String where = filterSql(filters);
		List<String> parts = new ArrayList<>();
		parts.add(QUERY_TERMS);
		if (mode != SearchMode.KEYWORD) {
			parts.add(VECTOR_HITS.formatted(where));
		}
		if (mode != SearchMode.VECTOR) {
			parts.add(KEYWORD_HITS.formatted(where));
		}
		parts.add(switch (mode) {
			case HYBRID -> FUSED_HYBRID;
			case VECTOR -> FUSED_VECTOR;
			case KEYWORD -> FUSED_KEYWORD;
		});
		return "WITH " + String.join(",\n", parts) + "\n" + RESULTS;
	}

	/** Conditions on {@code c}, the chunk, for both rankings alike. */
	private static String filterSql(SearchFilters filters) {
		StringBuilder where = new StringBuilder();
		if (!filters.documentIds().isEmpty()) {
			where.append(" AND c.document_id = ANY(CAST(:documentIds AS uuid[]))");
		}
		if (filters.onDocumentsTable()) {
			where.append(" AND c.document_id IN (SELECT d.id FROM documents d WHERE true");
			if (filters.collection() != null) {
				where.append(" AND d.collection = :collection");
			}
			if (!filters.contentTypes().isEmpty()) {
				where.append(" AND d.content_type = ANY(CAST(:contentTypes AS text[]))");
			}
			if (!filters.metadata().isEmpty()) {
				where.append(" AND d.metadata @> CAST(:metadata AS jsonb)");
			}
			if (filters.uploadedAfter() != null) {
				where.append(" AND d.created_at >= :uploadedAfter");
			}
			if (filters.uploadedBefore() != null) {
				where.append(" AND d.created_at < :uploadedBefore");
			}
			where.append(")");
		}
		return where.toString();
	}

	private JdbcClient.StatementSpec bindFilters(JdbcClient.StatementSpec spec, SearchFilters filters) {
		if (!filters.documentIds().isEmpty()) {
			spec = spec.param("documentIds", filters.documentIds().toArray(UUID[]::new));
		}
		if (filters.collection() != null) {
			spec = spec.param("collection", filters.collection());
		}
		if (!filters.contentTypes().isEmpty()) {
			spec = spec.param("contentTypes", filters.contentTypes().stream().map(DocumentType::name)
				.toArray(String[]::new));
		}
		if (!filters.metadata().isEmpty()) {
			spec = spec.param("metadata", this.json.writeValueAsString(filters.metadata()));
		}
		if (filters.uploadedAfter() != null) {
			spec = spec.param("uploadedAfter", Timestamp.from(filters.uploadedAfter()));
		}
		if (filters.uploadedBefore() != null) {
			spec = spec.param("uploadedBefore", Timestamp.from(filters.uploadedBefore()));
		}
		return spec;
	}

	private static SearchResponse.Result result(ResultSet row, int number) throws SQLException {
		return new SearchResponse.Result(row.getObject("document_id", UUID.class), row.getString("filename"),
				row.getString("collection"), row.getInt("chunk_index"), (Integer) row.getObject("page"),
				(Integer) row.getObject("last_page"), row.getString("section"), row.getString("text"),
				row.getString("snippet"), row.getDouble("score"), rank(row, "vector_rank"),
				rank(row, "keyword_rank"));
	}

	private static Integer rank(ResultSet row, String column) throws SQLException {
		long rank = row.getLong(column);
		return row.wasNull() ? null : (int) rank;
	}

	/** SET LOCAL, for this transaction only, in one round trip: a search pays for its statement, not for these. */
	private void setLocal(Map<String, String> settings) {
		this.jdbc.sql("SELECT count(set_config(name, value, true)) FROM unnest(:names, :values) AS s (name, value)")
			.param("names", settings.keySet().toArray(String[]::new))
			.param("values", settings.values().toArray(String[]::new))
			.query(Long.class)
			.single();
	}

}
