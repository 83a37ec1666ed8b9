package io.scriptorium.api.documents;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads a document's chunks (the worker writes them). */
@Repository
class ChunkRepository {

	private final JdbcClient jdbc;

	ChunkRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<ChunkPage.Chunk> find(UUID documentId, int offset, int limit) {
		return this.jdbc.sql("""
				SELECT chunk_index AS index, page, last_page, section, text, token_count, embedding_model
				FROM chunks WHERE document_id = ?
				ORDER BY chunk_index OFFSET ? LIMIT ?""")
			.params(documentId, offset, limit)
			.query(ChunkPage.Chunk.class)
			.list();
	}

	long count(UUID documentId) {
		return this.jdbc.sql("SELECT count(*) FROM chunks WHERE document_id = ?")
			.param(documentId)
			.query(Long.class)
			.single();
	}

}
