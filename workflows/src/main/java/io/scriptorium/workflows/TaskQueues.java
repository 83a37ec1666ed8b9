package io.scriptorium.workflows;

/**
 * The task queues workers poll. One constant each, read by annotations, clients and tests alike.
 */
public final class TaskQueues {

	/** Ingestion workflows and the activities every worker can run (parse, chunk, embed, index, status). */
	public static final String INGESTION = "scriptorium-ingestion";

	/** Office conversion: only workers with LibreOffice installed poll it. */
	public static final String OFFICE = "scriptorium-office";

	/** OCR of scanned pages: only workers with Tesseract and {@code scriptorium.ocr.enabled=true} poll it. */
	public static final String OCR = "scriptorium-ocr";

	/**
	 * Webhooks: the dispatch and delivery workflows and their activities, apart from ingestion so that a slow or
	 * unreachable receiver never takes an ingestion slot. Every worker of the main pool polls it.
	 */
	public static final String WEBHOOKS = "scriptorium-webhooks";

	/** The schema migration workflow and its activity: every worker with database access polls it. */
	public static final String MIGRATION = "scriptorium-migration";

	private TaskQueues() {
	}

}
