package io.scriptorium.workflows.webhooks;

/** The position of the last document event the dispatcher handled: its writing transaction, then its id. */
public record DispatchCursor(long tx, long id) {
}
