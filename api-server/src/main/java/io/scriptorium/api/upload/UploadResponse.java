package io.scriptorium.api.upload;

import io.scriptorium.api.documents.DocumentRecord;
import io.scriptorium.workflows.document.DocumentStatus;
import io.scriptorium.workflows.document.Stage;
import java.time.Instant;
import java.util.UUID;

/** The answer to an upload: the document, new or already known; its status lives at {@code Location}. */
public record UploadResponse(UUID id, String filename, String type, String contentType, String sha256,
		long sizeBytes, DocumentStatus status, Stage stage, String workflowId, Instant createdAt) {

	static UploadResponse of(DocumentRecord document) {
		return new UploadResponse(document.id(), document.filename(), document.type().name(),
				document.type().contentType(), document.sha256(), document.sizeBytes(), document.status(),
				document.stage(), document.workflowId(), document.createdAt());
	}

}
