package io.scriptorium.api.search;

import com.pgvector.PGvector;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Nearest chunks to a query by cosine distance, over the HNSW index of searchable chunks. */
@Service
class SearchService {

	private static final String NEAREST = """
			SELECT c.document_id, d.filename, c.chunk_index, c.page, c.text, c.distance
			FROM (
			    SELECT document_id, chunk_index, page, text, embedding <=> CAST(:query AS vector) AS distance
			    FROM chunks
			    WHERE searchable AND embedding IS NOT NULL %s
			    ORDER BY embedding <=> CAST(:query AS vector)
			    LIMIT :k
			) c
			JOIN documents d ON d.id = c.document_id
			ORDER BY c.distance, c.document_id, c.chunk_index""";

	private final QueryEmbedder embedder;

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final SearchProperties properties;

	SearchService(QueryEmbedder embedder, JdbcClient jdbc, TransactionTemplate transaction,
			SearchProperties properties) {
		this.embedder = embedder;
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.properties = properties;
	}

	/** @param documentId only this document's chunks, or all if null */
	List<SearchResponse.Result> search(String query, int k, UUID documentId) {
		String vector = new PGvector(this.embedder.embed(query)).toString();
		return this.transaction.execute(status -> {
			// SET LOCAL: the candidate list grows with k, for this transaction only.
			setLocal("hnsw.ef_search", String.valueOf(Math.max(this.properties.getMinEfSearch(), 2 * k)));
			if (documentId != null) {
				// The index scan filters after it finds candidates; keep scanning until k of this document's are found.
				setLocal("hnsw.iterative_scan", "relaxed_order");
			}
			JdbcClient.StatementSpec spec = this.jdbc
				.sql(NEAREST.formatted((documentId != null) ? "AND document_id = :documentId" : ""))
				.param("query", vector)
				.param("k", k);
			if (documentId != null) {
				spec = spec.param("documentId", documentId);
			}
			return spec.query((rs, row) -> new SearchResponse.Result(rs.getObject("document_id", UUID.class),
					rs.getString("filename"), rs.getInt("chunk_index"), (Integer) rs.getObject("page"),
					rs.getString("text"), 1.0 - rs.getDouble("distance")))
				.list();
		});
	}

	private void setLocal(String name, String value) {
		this.jdbc.sql("SELECT set_config(:name, :value, true)").param("name", name).param("value", value)
			.query(String.class)
			.single();
	}

}
