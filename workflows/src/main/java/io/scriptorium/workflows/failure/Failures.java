package io.scriptorium.workflows.failure;

import io.scriptorium.workflows.document.DocumentRef;
import io.temporal.failure.ApplicationFailure;

/** Builds the failures activities throw, so that every one carries an {@link ErrorCode} and names the file. */
public final class Failures {

	private Failures() {
	}

	/** A failure retrying cannot fix: corrupt, encrypted or unsupported input. */
	public static ApplicationFailure nonRetryable(ErrorCode code, DocumentRef document, String detail) {
		return ApplicationFailure.newNonRetryableFailure(message(document, detail), code.name());
	}

	/** A failure that may pass (a crashed converter, a database restart): Temporal retries the activity. */
	public static ApplicationFailure retryable(ErrorCode code, DocumentRef document, String detail, Throwable cause) {
		return ApplicationFailure.newFailureWithCause(message(document, detail), code.name(), cause);
	}

	private static String message(DocumentRef document, String detail) {
		return "'" + document.filename() + "': " + WorkerPaths.redact(detail);
	}

}
