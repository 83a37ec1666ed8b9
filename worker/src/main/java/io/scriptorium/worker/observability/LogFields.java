package io.scriptorium.worker.observability;

/**
 * The MDC keys every log line written inside an activity carries, so that one document's lines can be found
 * across stages, attempts and workers. With structured logging (profile {@code json-logs}) they are JSON fields.
 */
public final class LogFields {

	public static final String DOCUMENT_ID = "documentId";

	public static final String WORKFLOW_ID = "workflowId";

	public static final String ACTIVITY_TYPE = "activityType";

	private LogFields() {
	}

}
