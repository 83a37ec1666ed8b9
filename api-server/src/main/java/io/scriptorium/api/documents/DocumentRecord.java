package io.scriptorium.api.documents;

import io.scriptorium.workflows.document.DocumentStatus;
import io.scriptorium.workflows.document.DocumentType;
import io.scriptorium.workflows.document.Stage;
import io.scriptorium.workflows.failure.IngestionError;
import io.scriptorium.workflows.ingestion.IngestionRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A row of {@code documents}. {@code error} is null unless the document FAILED; {@code title} and {@code language}
 * (a text-search configuration) are known once it is parsed; {@code ocrLanguage} is what the upload asked OCR to
 * read (null: the OCR workers' default) and {@code ocrPages} the pages OCR has read.
 */
public record DocumentRecord(UUID id, String filename, DocumentType type, String sha256, long sizeBytes,
		DocumentStatus status, Stage stage, Integer pages, Integer chunks, String embeddingModel, List<String> warnings,
		IngestionError error, String workflowId, Instant createdAt, Instant updatedAt, String title, String language,
		String collection, Map<String, String> metadata, String ocrLanguage, List<Integer> ocrPages) {

	public IngestionRequest ingestionRequest() {
		return new IngestionRequest(this.id, this.filename, this.type, this.sizeBytes);
	}

}
