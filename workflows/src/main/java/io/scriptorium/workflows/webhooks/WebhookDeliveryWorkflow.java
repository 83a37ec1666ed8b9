package io.scriptorium.workflows.webhooks;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One event for one endpoint, under {@code WorkflowIds.forWebhookDelivery}. */
@WorkflowInterface
public interface WebhookDeliveryWorkflow {

	@WorkflowMethod
	void deliver(WebhookDelivery delivery);

}
