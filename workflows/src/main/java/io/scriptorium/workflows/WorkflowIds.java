package io.scriptorium.workflows;

import java.util.UUID;

/**
 * Workflow IDs are part of the contract: people find runs in the Temporal UI by them, and Temporal enforces
 * uniqueness by them.
 */
public final class WorkflowIds {

	/** Fixed, so that Temporal (not a replica count) guarantees that one migration runs at a time. */
	public static final String SCHEMA_MIGRATION = "scriptorium-schema-migration";

	private static final String DOCUMENT_PREFIX = "document-";

	private WorkflowIds() {
	}

	public static String forDocument(UUID documentId) {
		return DOCUMENT_PREFIX + documentId;
	}

}
