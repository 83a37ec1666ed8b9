package io.scriptorium.workflows.document;

/** Conditions that do not fail a document but that its owner should know about. */
public enum Warning {

	/** The document has pages but none of them carries text (a scan without OCR): READY with 0 chunks. */
	NO_TEXT_LAYER,

	/**
	 * Some pages could not be read (damaged, or over the parser's limits) and are left out; the rest of the document
	 * is READY.
	 */
	PAGES_SKIPPED

}
