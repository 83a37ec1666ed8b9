package io.scriptorium.worker.observability;

/**
 * The MDC keys every log line written inside an activity carries, so that one document's lines can be found
 * across stages, attempts and workers. With structured logging ({@code SCRIPTORIUM_LOG_FORMAT}) they are JSON
 * fields. The Temporal SDK puts the workflow ID and the activity type in the MDC of every activity thread itself;
 * only the document's id is ours.
 */
public final class LogFields {

	public static final String DOCUMENT_ID = "documentId";

	/** Set by the Temporal SDK (its {@code LoggerTag.WORKFLOW_ID}). */
	public static final String WORKFLOW_ID = "WorkflowId";

	/** Set by the Temporal SDK (its {@code LoggerTag.ACTIVITY_TYPE}). */
	public static final String ACTIVITY_TYPE = "ActivityType";

	private LogFields() {
	}

}
