package io.scriptorium.worker.parsing;

import io.scriptorium.worker.shutdown.Heartbeats;
import io.scriptorium.workflows.document.DocumentRef;
import io.temporal.activity.ActivityExecutionContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Numbers pages from 1 (or from where an earlier attempt stopped) and writes them in batches. After each batch it
 * heartbeats the number of the last page written, which a retry uses to resume where the failed attempt stopped.
 * It also writes the document's title and headings, and at the end its language, guessed from the first pages.
 */
final class PageWriter {

	private final DocumentPages pages;

	private final DocumentRef document;

	private final int batchSize;

	private final ActivityExecutionContext context;

	private final List<DocumentPages.Page> batch = new ArrayList<>();

	private int lastPage;

	private final LanguageSample sample = new LanguageSample();

	private boolean outlineWritten;

	PageWriter(DocumentPages pages, DocumentRef document, int batchSize, ActivityExecutionContext context,
			int lastPageWritten) {
		this.pages = pages;
		this.document = document;
		this.batchSize = Math.max(1, batchSize);
		this.context = context;
		this.lastPage = lastPageWritten;
	}

	/**
	 * Adds the next page; its text is already {@link TextCleaner cleaned}.
	 * @return the number the page was stored under
	 */
	int add(String text) {
		return add(text, false);
	}

	/** Adds the next page, which OCR is to read if {@code ocrNeeded}. */
	int add(String text, boolean ocrNeeded) {
		this.sample.add(text, ocrNeeded);
		this.batch.add(new DocumentPages.Page(++this.lastPage, text, ocrNeeded));
		if (this.batch.size() >= this.batchSize) {
			flush();
		}
		else {
			// Cheap: the SDK sends at most one heartbeat per throttle interval, so a slow page is still noticed.
			Heartbeats.send(this.context, this.lastPage - this.batch.size());
		}
		return this.lastPage;
	}

	/**
	 * Replaces the document's title and headings; a parser process resumed after a skipped page sends them again,
	 * and only the first copy is written.
	 */
	void outline(String title, List<Heading> headings) {
		if (!this.outlineWritten) {
			this.pages.replaceOutline(this.document, title, headings);
			this.outlineWritten = true;
		}
	}

	/**
	 * Writes what is left, removes rows past the last page and stores the language; returns the totals of the
	 * stored pages.
	 */
	DocumentPages.Totals finish() {
		flush();
		this.pages.deleteAfter(this.document.documentId(), this.lastPage);
		// A resumed attempt sees only the later pages; they are the same document's language.
		String language = this.sample.language();
		if (language != null) {
			this.pages.setLanguage(this.document.documentId(), language);
		}
		return this.pages.totals(this.document.documentId());
	}

	private void flush() {
		if (!this.batch.isEmpty()) {
			this.pages.upsert(this.document, this.batch);
			this.batch.clear();
		}
		Heartbeats.send(this.context, this.lastPage);
	}

}
