package io.scriptorium.worker.parsing;

import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.failure.ErrorCode;
import io.scriptorium.workflows.failure.Failures;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code document_pages} rows of a document. Pages are upserted batch by batch and the rows past the last page
 * deleted at the end, so a retried or repeated extraction leaves exactly one row per page without one long
 * transaction over a 400-page document.
 */
@Component
class DocumentPages {

	/** A page's text layer, and whether OCR is to read the page. */
	record Page(int number, String text, boolean ocrNeeded) {
	}

	/** What the stored pages add up to. */
	record Totals(int pagesWithText, long characters, int pagesNeedingOcr) {
	}

	private final JdbcTemplate jdbcTemplate;

	private final JdbcClient jdbc;

	DocumentPages(JdbcTemplate jdbcTemplate, JdbcClient jdbc) {
		this.jdbcTemplate = jdbcTemplate;
		this.jdbc = jdbc;
	}

	void upsert(DocumentRef document, List<Page> pages) {
		try {
			this.jdbcTemplate.batchUpdate("""
					INSERT INTO document_pages (document_id, page, text, ocr_needed) VALUES (?, ?, ?, ?)
					ON CONFLICT (document_id, page) DO UPDATE
					SET text = excluded.text, ocr_needed = excluded.ocr_needed, ocr_done = false, ocr_confidence = NULL
					""", pages, pages.size(), (statement, page) -> {
				statement.setObject(1, document.documentId());
				statement.setInt(2, page.number());
				statement.setString(3, page.text());
				statement.setBoolean(4, page.ocrNeeded());
			});
		}
		catch (DataIntegrityViolationException ex) {
			throw Failures.nonRetryable(ErrorCode.DOCUMENT_NOT_FOUND, document,
					"the document was deleted while it was being processed");
		}
	}

	/** The document's title (empty: none) and its headings, in place of what an earlier extraction wrote. */
	void replaceOutline(DocumentRef document, String title, List<Heading> headings) {
		UUID id = document.documentId();
		this.jdbc.sql("UPDATE documents SET title = ? WHERE id = ?")
			.params(title.isEmpty() ? null : title, id)
			.update();
		this.jdbc.sql("DELETE FROM document_headings WHERE document_id = ?").param(id).update();
		List<Object[]> rows = new ArrayList<>(headings.size());
		for (Heading heading : headings) {
			rows.add(new Object[] { id, rows.size(), heading.page(), heading.level(), heading.title() });
		}
		this.jdbcTemplate.batchUpdate("INSERT INTO document_headings (document_id, ordinal, page, level, title)"
				+ " VALUES (?, ?, ?, ?, ?)", rows);
	}

	/** @param language a text-search configuration name */
	void setLanguage(UUID documentId, String language) {
		this.jdbc.sql("UPDATE documents SET language = ? WHERE id = ?").params(language, documentId).update();
	}

	/** Removes what an earlier extraction wrote beyond the page count of this one. */
	void deleteAfter(UUID documentId, int lastPage) {
		this.jdbc.sql("DELETE FROM document_pages WHERE document_id = ? AND page > ?")
			.params(documentId, lastPage)
			.update();
	}

	Totals totals(UUID documentId) {
		return this.jdbc.sql("""
				SELECT count(*) FILTER (WHERE text <> '' AND NOT ocr_needed) AS pages_with_text,
				       coalesce(sum(char_length(text)) FILTER (WHERE NOT ocr_needed), 0) AS characters,
				       count(*) FILTER (WHERE ocr_needed) AS pages_needing_ocr
				FROM document_pages WHERE document_id = ?
				""")
			.param(documentId)
			.query(Totals.class)
			.single();
	}

}
