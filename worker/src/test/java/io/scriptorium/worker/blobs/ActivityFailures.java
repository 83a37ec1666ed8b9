package io.scriptorium.worker.blobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.scriptorium.workflows.failure.ErrorCode;
import io.temporal.failure.ApplicationFailure;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts the coded failure an activity call ends with, as the workflow will see it. */
public final class ActivityFailures {

	private ActivityFailures() {
	}

	/** The {@link ApplicationFailure} the call threw, directly or as the cause of an {@code ActivityFailure}. */
	public static ApplicationFailure failureOf(ThrowingCallable call) {
		Throwable thrown = catchThrowable(call);
		assertThat(thrown).as("the call should fail").isNotNull();
		for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
			if (cause instanceof ApplicationFailure failure) {
				return failure;
			}
		}
		throw new AssertionError("No ApplicationFailure in " + thrown, thrown);
	}

	public static void assertNonRetryable(ThrowingCallable call, ErrorCode code) {
		ApplicationFailure failure = failureOf(call);
		assertThat(failure.getType()).as(failure.getOriginalMessage()).isEqualTo(code.name());
		assertThat(failure.isNonRetryable()).as("non-retryable").isTrue();
	}

}
