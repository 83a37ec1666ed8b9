package io.scriptorium.worker.indexing;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;

/**
 * Runs activity beans inside Temporal's activity test environment, so they have a real activity context
 * (heartbeats) and their failures reach the caller as the workflow would see them. One attempt: the tests look at
 * each failure rather than at Temporal's retries.
 */
public final class ActivityStubs implements AutoCloseable {

	private final TestActivityEnvironment environment = TestActivityEnvironment.newInstance();

	public ActivityStubs(Object... activities) {
		this.environment.registerActivitiesImplementations(activities);
	}

	public <T> T stub(Class<T> activityInterface) {
		return this.environment.newActivityStub(activityInterface,
				ActivityOptions.newBuilder()
					.setStartToCloseTimeout(Duration.ofMinutes(5))
					.setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
					.build());
	}

	@Override
	public void close() {
		this.environment.close();
	}

}
