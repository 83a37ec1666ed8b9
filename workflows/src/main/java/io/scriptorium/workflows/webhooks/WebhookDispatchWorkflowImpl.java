package io.scriptorium.workflows.webhooks;

import io.scriptorium.workflows.TaskQueues;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Calls the dispatch activity in a loop, each call waiting for new events up to the poll timeout, so that an idle
 * platform costs one activity a minute. The cursor is the workflow's state: a worker that dies loses nothing. It
 * continues as new every {@link #ROUNDS_PER_RUN} rounds to keep its history short.
 */
public class WebhookDispatchWorkflowImpl implements WebhookDispatchWorkflow {

	static final int ROUNDS_PER_RUN = 200;

	/** Longer than the activity's poll timeout; the heartbeats notice a dead worker sooner. */
	private static final ActivityOptions DISPATCH = ActivityOptions.newBuilder()
		.setTaskQueue(TaskQueues.WEBHOOKS)
		.setStartToCloseTimeout(Duration.ofMinutes(3))
		.setHeartbeatTimeout(Duration.ofSeconds(30))
		.setRetryOptions(RetryOptions.newBuilder()
			.setInitialInterval(Duration.ofSeconds(1))
			.setBackoffCoefficient(2)
			.setMaximumInterval(Duration.ofMinutes(1))
			.build())
		.build();

	private final WebhookActivities activities = Workflow.newActivityStub(WebhookActivities.class, DISPATCH);

	@Override
	public void dispatch(DispatchCursor after) {
		DispatchCursor cursor = after;
		for (int round = 0; round < ROUNDS_PER_RUN; round++) {
			cursor = this.activities.dispatchNewEvents(cursor);
		}
		Workflow.continueAsNew(cursor);
	}

}
