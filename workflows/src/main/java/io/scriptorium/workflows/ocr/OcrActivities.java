package io.scriptorium.workflows.ocr;

import io.scriptorium.workflows.document.DocumentRef;
import io.temporal.activity.ActivityInterface;

/**
 * Recognises a document's pages that need OCR (those the parser marked), a batch at a time. Runs on
 * {@link io.scriptorium.workflows.TaskQueues#OCR}. Renders each page of the stored PDF and writes what Tesseract
 * reads into the page's row, replacing what an earlier attempt wrote (idempotent: one text per page). Throws
 * OCR_TOO_MANY_PAGES, OCR_PAGE_TIMEOUT, OCR_PAGE_TOO_LARGE and OCR_LANGUAGE_UNKNOWN as non-retryable, OCR_FAILED as
 * retryable.
 */
@ActivityInterface
public interface OcrActivities {

	/**
	 * @param from the first of the batch, counting the pages that need OCR in page order from 0
	 * @param to one past the last
	 */
	OcrResult recognizePages(DocumentRef document, int from, int to);

}
