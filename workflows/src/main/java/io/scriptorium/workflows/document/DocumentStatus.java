package io.scriptorium.workflows.document;

/** A document's status. READY, FAILED and CANCELLED are terminal: every document reaches one of them. */
public enum DocumentStatus {

	PENDING, PROCESSING, READY, FAILED, CANCELLED;

	public boolean isTerminal() {
		return this == READY || this == FAILED || this == CANCELLED;
	}

}
