package io.scriptorium.api.events;

import io.scriptorium.workflows.document.DocumentEvent;
import java.util.UUID;

/**
 * Which events a stream carries: one document's, one collection's, or all (both null).
 * @param endsWithDocument whether the stream ends after the document's final event
 */
record EventFilter(UUID documentId, String collection, boolean endsWithDocument) {

	static EventFilter document(UUID documentId) {
		return new EventFilter(documentId, null, true);
	}

	static EventFilter collection(String collection) {
		return new EventFilter(null, collection, false);
	}

	boolean matches(DocumentEvent event) {
		return (this.documentId == null || this.documentId.equals(event.documentId()))
				&& (this.collection == null || this.collection.equals(event.collection()));
	}

}
