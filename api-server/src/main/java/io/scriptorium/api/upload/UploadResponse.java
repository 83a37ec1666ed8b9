package io.scriptorium.api.upload;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.scriptorium.api.documents.DocumentRecord;
import io.scriptorium.workflows.document.DocumentStatus;
import io.scriptorium.workflows.document.Stage;
import java.time.Instant;
import java.util.UUID;

/**
 * The answer to an upload: the document, new or already known; its status lives at {@code Location}.
 * @param callbackSecret the {@code whsec_} secret of the upload's callback, only when one was registered
 */
public record UploadResponse(UUID id, String filename, String type, String contentType, String sha256,
		long sizeBytes, DocumentStatus status, Stage stage, String workflowId, Instant createdAt,
		@JsonInclude(JsonInclude.Include.NON_NULL) String callbackSecret) {

	static UploadResponse of(DocumentRecord document, String callbackSecret) {
		return new UploadResponse(document.id(), document.filename(), document.type().name(),
				document.type().contentType(), document.sha256(), document.sizeBytes(), document.status(),
				document.stage(), document.workflowId(), document.createdAt(), callbackSecret);
	}

}
