package io.scriptorium.api.documents;

import io.scriptorium.workflows.document.DocumentStatus;
import io.scriptorium.workflows.document.Stage;
import io.scriptorium.workflows.failure.IngestionError;
import io.scriptorium.workflows.ingestion.Progress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A document as the API shows it. {@code contentType} is the MIME type of its {@code type}; {@code progress} is
 * present only when asked for, while it is PROCESSING, and if its workflow answered.
 */
public record DocumentResponse(UUID id, String filename, String type, String contentType, String sha256,
		long sizeBytes, DocumentStatus status, Stage stage, Integer pages, Integer chunks, String embeddingModel,
		List<String> warnings, IngestionError error, String workflowId, Instant createdAt, Instant updatedAt,
		String title, String language, String collection, Map<String, String> metadata, String ocrLanguage,
		List<Integer> ocrPages, boolean reembeddingNeeded, Progress progress) {

	/**
	 * @param currentModel the model search embeds queries with: a READY document embedded by another is not found
	 * by vector search until it is embedded again ({@code POST /api/v1/documents/reembed})
	 */
	static DocumentResponse of(DocumentRecord document, Progress progress, String currentModel) {
		boolean stale = document.status() == DocumentStatus.READY && document.embeddingModel() != null
				&& !document.embeddingModel().equals(currentModel);
		return new DocumentResponse(document.id(), document.filename(), document.type().name(),
				document.type().contentType(), document.sha256(), document.sizeBytes(), document.status(),
				document.stage(), document.pages(), document.chunks(), document.embeddingModel(), document.warnings(),
				document.error(), document.workflowId(), document.createdAt(), document.updatedAt(), document.title(),
				document.language(), document.collection(), document.metadata(), document.ocrLanguage(),
				document.ocrPages(), stale, progress);
	}

}
