package io.scriptorium.workflows.document;

/** Conditions that do not fail a document but that its owner should know about. */
public enum Warning {

	/** The document has pages but none of them carries text, even after OCR (blank pages): READY with 0 chunks. */
	NO_TEXT_LAYER,

	/**
	 * Some pages could not be read (damaged, or over the parser's limits) and are left out; the rest of the document
	 * is READY.
	 */
	PAGES_SKIPPED,
	/** Some pages had no text layer and were read by OCR; the document's pages say which. */
	OCR_APPLIED,
	/**
	 * Some pages read by OCR had a mean word confidence under {@code scriptorium.ocr.low-confidence}: their text may
	 * be wrong (a poor scan, or another language than the one asked for).
	 */
	OCR_LOW_CONFIDENCE

}
