package io.scriptorium.worker.ocr;

import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.failure.ErrorCode;
import io.scriptorium.workflows.failure.Failures;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The rows OCR reads and writes: the pages the parser marked, their text, the document's OCR language. */
@Component
class OcrPages {

	private final JdbcClient jdbc;

	OcrPages(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A page that needs OCR; {@code done} once an earlier attempt of the batch recognised it. */
	record Page(int page, boolean done, boolean hasText, Double confidence) {
	}

	/** The pages that need OCR, in order. */
	List<Page> needingOcr(UUID documentId) {
		return this.jdbc.sql("""
				SELECT page, ocr_done AS done, text <> '' AS has_text, ocr_confidence AS confidence
				FROM document_pages WHERE document_id = ? AND ocr_needed ORDER BY page
				""")
			.param(documentId)
			.query(Page.class)
			.list();
	}

	/** The Tesseract languages asked for at upload, if any. */
	Optional<String> language(UUID documentId) {
		return this.jdbc.sql("SELECT ocr_language FROM documents WHERE id = ?")
			.param(documentId)
			.query(String.class)
			.optional();
	}

	/** Replaces the page's text with what OCR read: a retried batch writes the same row again. */
	void write(DocumentRef document, int page, String text, Double confidence) {
		int updated = this.jdbc.sql("""
				UPDATE document_pages SET text = ?, ocr_confidence = ?, ocr_done = true
				WHERE document_id = ? AND page = ?
				""")
			.params(text, confidence, document.documentId(), page)
			.update();
		if (updated == 0) {
			throw Failures.nonRetryable(ErrorCode.DOCUMENT_NOT_FOUND, document,
					"the document was deleted while it was being processed");
		}
	}

	/**
	 * A scan's language is known only once it is read: a batch with text tells it, unless pages with a text layer
	 * told it when the document was parsed.
	 */
	void setLanguageIfUnknown(UUID documentId, String language) {
		this.jdbc.sql("""
				UPDATE documents d SET language = ? WHERE d.id = ? AND NOT EXISTS (
				    SELECT 1 FROM document_pages p WHERE p.document_id = d.id AND NOT p.ocr_needed AND p.text <> '')
				""")
			.params(language, documentId)
			.update();
	}

	/** Says which languages this worker reads, for the API's check at upload. */
	void announce(List<String> languages) {
		for (String language : languages) {
			this.jdbc.sql("""
					INSERT INTO ocr_languages (language) VALUES (?)
					ON CONFLICT (language) DO UPDATE SET seen_at = now()
					""").param(language).update();
		}
	}

}
