package io.scriptorium.worker.chunking;

import io.scriptorium.workflows.document.TextSearchLanguage;
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

	/** What chunking needs to know of a document besides its pages. */
	record DocumentInfo(String contentType, String title, String language) {
	}

	Optional<DocumentInfo> document(UUID documentId) {
		return this.jdbc.sql("SELECT content_type, title, language FROM documents WHERE id = ?")
			.param(documentId)
			.query(DocumentInfo.class)
			.optional();
	}

	/** The document's headings in reading order (bounded when they were stored). */
	List<Sections.Heading> headings(UUID documentId) {
		return this.jdbc.sql("SELECT page, level, title FROM document_headings WHERE document_id = ? ORDER BY ordinal")
			.param(documentId)
			.query(Sections.Heading.class)
			.list();
	}

	/** Hands every page to {@code consumer} in page order, fetching a few at a time. */
	void forEachPage(UUID documentId, BiConsumer<Integer, String> consumer, Runnable afterEachFetch) {
		int after = Integer.MIN_VALUE;
		while (true) {
			List<Page> pages = this.jdbc
				.sql("SELECT page AS number, text FROM document_pages WHERE document_id = ? AND page > ? ORDER BY page"
						+ " LIMIT ?")
				.params(documentId, after, PAGES_PER_FETCH)
				.query(Page.class)
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

	/** @param language the document's text-search configuration, with which its chunks are indexed */
	void insert(UUID documentId, String language, List<Chunk> chunks) {
		List<Object[]> rows = new ArrayList<>(chunks.size());
		for (Chunk chunk : chunks) {
			String bigrams = TextSearchLanguage.cjkBigrams(Chunk.embeddedText(chunk.context(), chunk.text()));
			rows.add(new Object[] { documentId, chunk.index(), chunk.page(), chunk.lastPage(), chunk.section(),
					chunk.context(), chunk.text(), chunk.tokenCount(), bigrams.isEmpty() ? null : bigrams, language });
		}
		this.template.batchUpdate("""
				INSERT INTO chunks (document_id, chunk_index, page, last_page, section, context, text, token_count,
				                    cjk_bigrams, text_search_config, embedding, embedding_model, searchable)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS regconfig), NULL, NULL, false)""", rows);
	}

	private record Page(int number, String text) {
	}

}
