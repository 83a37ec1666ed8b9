package io.scriptorium.worker.chunking;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads a document's extracted pages and writes its chunks. */
@Repository
class ChunkStore {

	/** Pages fetched per query: a few at a time keeps memory bounded however long the document. */
	private static final int PAGES_PER_FETCH = 8;

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	ChunkStore(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	Optional<String> contentType(UUID documentId) {
		return this.jdbc.sql("SELECT content_type FROM documents WHERE id = ?")
			.param(documentId)
			.query(String.class)
			.optional();
	}

	/** Hands every page to {@code consumer} in page order, fetching a few at a time. */
	void forEachPage(UUID documentId, BiConsumer<Integer, String> consumer, Runnable afterEachFetch) {
		int after = Integer.MIN_VALUE;
		while (true) {
			List<Page> pages = this.jdbc
				.sql("SELECT page, text FROM document_pages WHERE document_id = ? AND page > ? ORDER BY page LIMIT ?")
				.params(documentId, after, PAGES_PER_FETCH)
				.query((row, n) -> new Page(row.getInt(1), row.getString(2)))
				.list();
			for (Page page : pages) {
				consumer.accept(page.number(), page.text());
			}
			afterEachFetch.run();
			if (pages.size() < PAGES_PER_FETCH) {
				return;
			}
			after = pages.get(pages.size() - 1).number();
		}
	}

	int deleteChunks(UUID documentId) {
		return this.jdbc.sql("DELETE FROM chunks WHERE document_id = ?").param(documentId).update();
	}

	void insert(UUID documentId, List<Chunk> chunks) {
		List<Object[]> rows = new ArrayList<>(chunks.size());
		for (Chunk chunk : chunks) {
			rows.add(new Object[] { documentId, chunk.index(), chunk.page(), chunk.text(), chunk.tokenCount() });
		}
		this.template.batchUpdate("INSERT INTO chunks (document_id, chunk_index, page, text, token_count, embedding,"
				+ " embedding_model, searchable) VALUES (?, ?, ?, ?, ?, NULL, NULL, false)", rows);
	}

	private record Page(int number, String text) {
	}

}
