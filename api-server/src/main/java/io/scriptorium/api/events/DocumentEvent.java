package io.scriptorium.api.events;

import io.scriptorium.workflows.document.DocumentEvents;
import java.time.Instant;
import java.util.UUID;

/**
 * A change of a document as the streams send it: its {@code type} (document.created, .stage, .progress, .ready,
 * .failed, .cancelled, .deleted) and the document's status, stage and counts after it.
 */
public record DocumentEvent(long id, String type, UUID documentId, String filename, String collection,
		String status, String stage, Integer pages, Integer chunks, Integer chunksEmbedded, String errorCode,
		String errorMessage, Instant at) {

	/** After these a document's stream ends: the run is over, or the document is gone. */
	boolean isFinal() {
		return DocumentEvents.FINAL_TYPES.contains(this.type);
	}

}
