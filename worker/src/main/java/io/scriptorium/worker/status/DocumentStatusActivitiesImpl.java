package io.scriptorium.worker.status;

import io.scriptorium.workflows.TaskQueues;
import io.scriptorium.workflows.document.DocumentStatus;
import io.scriptorium.workflows.document.DocumentType;
import io.scriptorium.workflows.document.Stage;
import io.scriptorium.workflows.document.Warning;
import io.scriptorium.workflows.embeddingmodel.EmbeddingSettings;
import io.scriptorium.workflows.failure.IngestionError;
import io.scriptorium.workflows.ingestion.DocumentStatusActivities;
import io.temporal.spring.boot.ActivityImpl;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sets (never increments) the status columns of a document's row, so a retried call leaves the same row; an
 * update that matches no row (the document was deleted) is a no-op.
 */
@Component
@ActivityImpl(taskQueues = TaskQueues.INGESTION)
class DocumentStatusActivitiesImpl implements DocumentStatusActivities {

	/** The types whose "pages" are segments (DocumentType.isText), as a PostgreSQL array literal. */
	private static final String TEXT_TYPES = arrayLiteral(
			Arrays.stream(DocumentType.values()).filter(DocumentType::isText).map(DocumentType::name));

	private final JdbcClient jdbc;

	private final String embeddingModel;

	DocumentStatusActivitiesImpl(JdbcClient jdbc, EmbeddingSettings embedding) {
		this.jdbc = jdbc;
		this.embeddingModel = embedding.model();
	}

	/** A reprocessed document starts over, so an earlier run's error is cleared. */
	@Override
	public void recordStage(UUID documentId, Stage stage) {
		this.jdbc.sql("""
				UPDATE documents SET status = ?, stage = ?, error_code = NULL, error_message = NULL,
				    error_stage = NULL, updated_at = now()
				WHERE id = ?""").params(DocumentStatus.PROCESSING.name(), stage.name(), documentId).update();
	}

	/** Text formats have no pages: their page count is stored as NULL whatever the workflow counted. */
	@Override
	public void markReady(UUID documentId, int pages, int chunks, List<Warning> warnings) {
		this.jdbc.sql("""
				UPDATE documents SET status = ?, stage = ?,
				    pages = CASE WHEN content_type = ANY(?::text[]) THEN NULL ELSE ? END,
				    chunks = ?, embedding_model = ?, warnings = ?::text[],
				    error_code = NULL, error_message = NULL, error_stage = NULL, updated_at = now()
				WHERE id = ?""")
			.params(DocumentStatus.READY.name(), Stage.DONE.name(), TEXT_TYPES, pages, chunks, this.embeddingModel,
					arrayLiteral(warnings), documentId)
			.update();
	}

	@Override
	public void markFailed(UUID documentId, IngestionError error) {
		String stage = error.stage() == null ? null : error.stage().name();
		this.jdbc.sql("""
				UPDATE documents SET status = ?, stage = COALESCE(?, stage), error_code = ?, error_message = ?,
				    error_stage = ?, updated_at = now()
				WHERE id = ?""")
			.params(DocumentStatus.FAILED.name(), stage, error.code().name(), error.message(), stage, documentId)
			.update();
	}

	@Override
	public void markCancelled(UUID documentId) {
		this.jdbc.sql("UPDATE documents SET status = ?, updated_at = now() WHERE id = ?")
			.params(DocumentStatus.CANCELLED.name(), documentId)
			.update();
	}

	private static String arrayLiteral(List<Warning> warnings) {
		return (warnings == null) ? "{}" : arrayLiteral(warnings.stream().map(Warning::name));
	}

	/** Enum names need no quoting inside a PostgreSQL array literal. */
	private static String arrayLiteral(Stream<String> names) {
		return names.collect(Collectors.joining(",", "{", "}"));
	}

}
