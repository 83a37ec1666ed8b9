package io.scriptorium.workflows.webhooks;

import io.scriptorium.workflows.TaskQueues;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Sends until the receiver takes the event, with exponential backoff (5 s, doubling, at most an hour apart) for
 * the delivery's retry window; the same {@code webhook-id} every time, so a receiver can drop a repeat. A target
 * that the address rule refuses, or an endpoint deleted meanwhile, ends it at once (non-retryable).
 */
public class WebhookDeliveryWorkflowImpl implements WebhookDeliveryWorkflow {

	static final Duration FIRST_RETRY = Duration.ofSeconds(5);

	static final Duration MAX_RETRY_INTERVAL = Duration.ofHours(1);

	@Override
	public void deliver(WebhookDelivery delivery) {
		ActivityOptions options = ActivityOptions.newBuilder()
			.setTaskQueue(TaskQueues.WEBHOOKS)
			.setStartToCloseTimeout(Duration.ofMinutes(1))
			.setScheduleToCloseTimeout(Duration.ofSeconds(delivery.retryForSeconds()))
			.setRetryOptions(RetryOptions.newBuilder()
				.setInitialInterval(FIRST_RETRY)
				.setBackoffCoefficient(2)
				.setMaximumInterval(MAX_RETRY_INTERVAL)
				.build())
			.build();
		Workflow.newActivityStub(WebhookActivities.class, options).deliver(delivery);
	}

}
