package io.scriptorium.workflows.ingestion;

import io.scriptorium.workflows.TaskQueues;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * The timeouts and retries of each ingestion activity. Every one is bounded, so that a document always reaches a
 * terminal status: a stage that keeps failing fails the document instead of being retried for ever.
 */
final class IngestionActivityOptions {

	/** Covers a crashed worker or a database restart; more attempts would only delay an inevitable FAILED. */
	static final int MAX_ATTEMPTS = 5;

	private static final RetryOptions BOUNDED_RETRIES = RetryOptions.newBuilder()
		.setInitialInterval(Duration.ofSeconds(1))
		.setBackoffCoefficient(2.0)
		.setMaximumInterval(Duration.ofMinutes(1))
		.setMaximumAttempts(MAX_ATTEMPTS)
		.build();

	private IngestionActivityOptions() {
	}

	/** One UPDATE of the document's row. */
	static ActivityOptions status() {
		return bounded(Duration.ofSeconds(30)).build();
	}

	/**
	 * The same UPDATE run by the workflow's own worker. Retries back off as for the other activities; the
	 * schedule-to-close bounds them all, so that a database that stays away fails the run rather than holding it.
	 */
	static LocalActivityOptions localStatus() {
		return LocalActivityOptions.newBuilder()
			.setStartToCloseTimeout(Duration.ofSeconds(30))
			.setScheduleToCloseTimeout(Duration.ofMinutes(5))
			.setRetryOptions(BOUNDED_RETRIES)
			.build();
	}

	/**
	 * LibreOffice runs only where an office worker polls {@link TaskQueues#OFFICE}. Schedule-to-close bounds the
	 * whole conversion, including the wait for such a worker, so that a stack without one ends the document FAILED
	 * with CONVERSION_FAILED rather than leaving it PROCESSING for ever.
	 */
	static ActivityOptions conversion() {
		return bounded(Duration.ofMinutes(5)).setTaskQueue(TaskQueues.OFFICE)
			.setScheduleToCloseTimeout(Duration.ofMinutes(15))
			.setHeartbeatTimeout(Duration.ofMinutes(2))
			.build();
	}

	/**
	 * One batch of pages (at most {@link OcrBatches#MAX_PAGES}), each page rendered and recognised within the OCR
	 * worker's page timeout. Tesseract runs only where an OCR worker polls {@link TaskQueues#OCR}: as for conversion,
	 * schedule-to-close bounds the wait for one, so that a stack without one ends the document FAILED with OCR_FAILED.
	 * Heartbeats come after each page.
	 */
	static ActivityOptions ocr() {
		return bounded(Duration.ofMinutes(20)).setTaskQueue(TaskQueues.OCR)
			.setScheduleToCloseTimeout(Duration.ofMinutes(30))
			.setHeartbeatTimeout(Duration.ofMinutes(5))
			.build();
	}

	/** A 400-page PDF takes minutes; the heartbeats every few pages show a stuck parser long before that. */
	static ActivityOptions parsing() {
		return bounded(Duration.ofMinutes(15)).setHeartbeatTimeout(Duration.ofMinutes(1)).build();
	}

	/** Chunking is CPU-only over text already in the database. */
	static ActivityOptions chunking() {
		return bounded(Duration.ofMinutes(5)).build();
	}

	/**
	 * One batch of chunks; a remote model may throttle, so the start-to-close is generous while the heartbeat
	 * timeout notices a worker that died mid-batch.
	 */
	static ActivityOptions embedding() {
		return bounded(Duration.ofMinutes(10)).setHeartbeatTimeout(Duration.ofMinutes(1)).build();
	}

	/** One UPDATE over the document's chunks. */
	static ActivityOptions indexing() {
		return bounded(Duration.ofMinutes(2)).build();
	}

	private static ActivityOptions.Builder bounded(Duration startToClose) {
		return ActivityOptions.newBuilder().setStartToCloseTimeout(startToClose).setRetryOptions(BOUNDED_RETRIES);
	}

}
