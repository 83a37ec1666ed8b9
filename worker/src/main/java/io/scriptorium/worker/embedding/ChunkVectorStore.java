package io.scriptorium.worker.embedding;

import com.pgvector.PGvector;
import io.scriptorium.worker.chunking.Chunk;
import dev.langchain4j.data.embedding.Embedding;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads chunk texts and writes their vectors, addressed by (document_id, chunk_index). */
@Repository
class ChunkVectorStore {

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	ChunkVectorStore(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	boolean documentExists(UUID documentId) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM documents WHERE id = ?)")
			.param(documentId)
			.query(Boolean.class)
			.single();
	}

	/** What the model embeds for chunks {@code [fromIndex, toIndex)} (context and text, with its tokens), in order. */
	List<ChunkText> texts(UUID documentId, int fromIndex, int toIndex) {
		return this.jdbc
			.sql("SELECT chunk_index, context, text, token_count FROM chunks WHERE document_id = ? AND chunk_index >= ?"
					+ " AND chunk_index < ? ORDER BY chunk_index")
			.params(documentId, fromIndex, toIndex)
			.query((row, n) -> new ChunkText(row.getInt("chunk_index"),
					Chunk.embeddedText(row.getString("context"), row.getString("text")), row.getInt("token_count")))
			.list();
	}

	/**
	 * Overwrites the vectors of {@code chunks}: a retry writes the same rows again, never new ones. Then the
	 * document's progress counts what is embedded, committed, with this model: batches that end together can only
	 * raise it, and the last one to count sees them all.
	 */
	void writeVectors(UUID documentId, List<ChunkText> chunks, List<Embedding> vectors, String model) {
		List<Object[]> rows = new ArrayList<>(chunks.size());
		for (int i = 0; i < chunks.size(); i++) {
			rows.add(new Object[] { new PGvector(vectors.get(i).vector()), model, documentId, chunks.get(i).index() });
		}
		this.template.batchUpdate(
				"UPDATE chunks SET embedding = ?, embedding_model = ? WHERE document_id = ? AND chunk_index = ?", rows);
		this.jdbc.sql("""
				UPDATE documents SET chunks_embedded = GREATEST(chunks_embedded, (SELECT count(*) FROM chunks
				    WHERE document_id = ? AND embedding_model = ? AND embedding IS NOT NULL))
				WHERE id = ?""").params(documentId, model, documentId).update();
	}

	/** {@code tokens}: what the model reads of {@code text}, as counted when the chunk was cut. */
	record ChunkText(int index, String text, int tokens) {
	}

}
