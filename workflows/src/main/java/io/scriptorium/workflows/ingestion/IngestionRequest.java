package io.scriptorium.workflows.ingestion;

import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.document.DocumentType;
import java.util.UUID;

/** Starts an ingestion: the document's id and what identifies it to a person, never its bytes. */
public record IngestionRequest(UUID documentId, String filename, DocumentType type, long sizeBytes) {

	public DocumentRef ref() {
		return new DocumentRef(this.documentId, this.filename, this.type);
	}

}
