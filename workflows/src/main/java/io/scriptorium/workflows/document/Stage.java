package io.scriptorium.workflows.document;

/** Where a document is in the pipeline; a failure names the stage it happened in. */
public enum Stage {

	UPLOAD, CONVERT, PARSE, OCR, CHUNK, EMBED, INDEX, DONE

}
