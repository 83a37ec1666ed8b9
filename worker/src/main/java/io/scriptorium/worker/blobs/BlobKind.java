package io.scriptorium.worker.blobs;

/** Which of a document's blobs: the bytes uploaded, or the PDF the conversion made of them. */
public enum BlobKind {

	ORIGINAL, PDF

}
