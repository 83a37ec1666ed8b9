package io.scriptorium.api.events;

import io.scriptorium.workflows.document.DocumentEvent;

/** An event with its position, which only the server needs. */
record StoredEvent(EventPosition position, DocumentEvent event) {
}
