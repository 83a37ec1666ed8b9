package io.scriptorium.worker.blobs;

import io.scriptorium.workflows.document.DocumentType;

/** Which of a document's blobs: the bytes uploaded, or the PDF the conversion made of them. */
public enum BlobKind {

	ORIGINAL, PDF;

	/** The blob the parser and OCR read: the conversion's PDF for office formats, else the upload itself. */
	public static BlobKind readBy(DocumentType type) {
		return type.needsConversion() ? PDF : ORIGINAL;
	}

}
