package io.scriptorium.workflows.ingestion;

/**
 * How the pages that need OCR are cut into activities: enough batches to keep {@link #IN_FLIGHT} OCR slots busy on
 * a short scan, at most {@link #MAX_PAGES} pages each so that a batch's renderer process (a JVM start) is paid for
 * by several pages and a 500-page scan stays at about 60 activities in the history.
 */
final class OcrBatches {

	/** Batches running at once for one document; the OCR workers' own slots bound what runs in parallel. */
	static final int IN_FLIGHT = 4;

	static final int MAX_PAGES = 8;

	private OcrBatches() {
	}

	/** Pages per batch for {@code pages} pages. */
	static int size(int pages) {
		return Math.max(1, Math.min(MAX_PAGES, (pages + IN_FLIGHT - 1) / IN_FLIGHT));
	}

}
