package io.scriptorium.api.events;

/** An event with its position, which only the server needs. */
record StoredEvent(EventPosition position, DocumentEvent event) {
}
