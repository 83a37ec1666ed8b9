package io.scriptorium.worker.parsing;

import io.scriptorium.worker.shutdown.Heartbeats;
import io.scriptorium.workflows.document.DocumentRef;
import io.temporal.activity.ActivityExecutionContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Numbers pages from 1 (or from where an earlier attempt stopped) and writes them in batches. After each batch it
 * heartbeats the number of the last page
 * written, which a retry uses to resume where the failed attempt stopped.
 */
final class PageWriter {

	private final DocumentPages pages;

	private final DocumentRef document;

	private final int batchSize;

	private final ActivityExecutionContext context;

	private final List<DocumentPages.Page> batch = new ArrayList<>();

	private int lastPage;

	PageWriter(DocumentPages pages, DocumentRef document, int batchSize, ActivityExecutionContext context,
			int lastPageWritten) {
		this.pages = pages;
		this.document = document;
		this.batchSize = Math.max(1, batchSize);
		this.context = context;
		this.lastPage = lastPageWritten;
	}

	/** Adds the next page; its text is already {@link TextCleaner cleaned}. */
	void add(String text) {
		this.batch.add(new DocumentPages.Page(++this.lastPage, text));
		if (this.batch.size() >= this.batchSize) {
			flush();
		}
		else {
			// Cheap: the SDK sends at most one heartbeat per throttle interval, so a slow page is still noticed.
			Heartbeats.send(this.context, this.lastPage - this.batch.size());
		}
	}

	/** Writes what is left and removes rows past the last page; returns the totals of the stored pages. */
	DocumentPages.Totals finish() {
		flush();
		this.pages.deleteAfter(this.document.documentId(), this.lastPage);
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
