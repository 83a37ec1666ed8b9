package io.scriptorium.worker.observability;

import io.scriptorium.workflows.failure.ErrorCode;
import io.temporal.failure.ApplicationFailure;

/**
 * The {@code code} tag of a failed attempt: the {@link ErrorCode} an activity threw through
 * {@link io.scriptorium.workflows.failure.Failures}. Anything else is {@value #UNCLASSIFIED}, which keeps the tag's
 * values bounded and shows an operator that some activity failed without saying why.
 */
final class FailureCodes {

	static final String UNCLASSIFIED = "UNCLASSIFIED";

	private FailureCodes() {
	}

	static String of(Throwable failure) {
		if (failure instanceof ApplicationFailure application) {
			return ErrorCode.fromFailureType(application.getType()).map(ErrorCode::name).orElse(UNCLASSIFIED);
		}
		return UNCLASSIFIED;
	}

}
