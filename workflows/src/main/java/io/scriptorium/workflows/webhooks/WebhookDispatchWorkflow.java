package io.scriptorium.workflows.webhooks;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Runs as long as the platform does, under the fixed ID {@code WorkflowIds.WEBHOOK_DISPATCH}. */
@WorkflowInterface
public interface WebhookDispatchWorkflow {

	/** @param after where to start; null: from the newest event */
	@WorkflowMethod
	void dispatch(DispatchCursor after);

}
