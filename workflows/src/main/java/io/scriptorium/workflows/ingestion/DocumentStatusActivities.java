package io.scriptorium.workflows.ingestion;

import io.scriptorium.workflows.document.Stage;
import io.scriptorium.workflows.document.Warning;
import io.scriptorium.workflows.failure.IngestionError;
import io.temporal.activity.ActivityInterface;
import java.util.List;
import java.util.UUID;

/**
 * Records the document's status in its row, which the API reads. Every method is idempotent (it sets, never
 * increments) and is a no-op for a document that was deleted meanwhile.
 */
@ActivityInterface
public interface DocumentStatusActivities {

	/** PROCESSING at {@code stage}. */
	void recordStage(UUID documentId, Stage stage);

	void markReady(UUID documentId, int pages, int chunks, List<Warning> warnings);

	void markFailed(UUID documentId, IngestionError error);

	void markCancelled(UUID documentId);

}
