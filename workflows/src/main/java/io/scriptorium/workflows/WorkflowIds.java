package io.scriptorium.workflows;

import java.util.UUID;

/**
 * Workflow IDs are part of the contract: people find runs in the Temporal UI by them, and Temporal enforces
 * uniqueness by them.
 */
public final class WorkflowIds {

	/** Fixed, so that Temporal (not a replica count) guarantees that one migration runs at a time. */
	public static final String SCHEMA_MIGRATION = "scriptorium-schema-migration";

	/** Fixed: one dispatcher reads the document events and starts their webhook deliveries. */
	public static final String WEBHOOK_DISPATCH = "scriptorium-webhook-dispatch";

	private static final String DOCUMENT_PREFIX = "document-";

	private static final String WEBHOOK_DELIVERY_PREFIX = "webhook-";

	private WorkflowIds() {
	}

	public static String forDocument(UUID documentId) {
		return DOCUMENT_PREFIX + documentId;
	}

	/** One delivery per endpoint and event: a second start of it is refused, so an event is delivered once. */
	public static String forWebhookDelivery(UUID endpointId, long eventId) {
		return WEBHOOK_DELIVERY_PREFIX + endpointId + "-" + eventId;
	}

}
