package io.scriptorium.workflows.webhooks;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.Test;

/**
 * Replays histories recorded on the real Temporal server (by {@code LiveStatusE2EIT}: a delivery that succeeded
 * on its third attempt, once its receiver was back; the dispatcher's rounds while documents were processed) against
 * the current implementations, so that a change that would break runs in flight fails here first. The dispatcher
 * always runs: a change to its commands needs {@code Workflow.getVersion}, or a new run (continue-as-new boundary).
 */
class WebhookWorkflowReplayTest {

	@Test
	void aDeliveryThatSucceededAfterRetriesReplays() throws Exception {
		WorkflowReplayer.replayWorkflowExecutionFromResource("histories/webhooks/delivery-after-retries.json",
				WebhookDeliveryWorkflowImpl.class);
	}

	@Test
	void theRunningDispatchersHistoryReplays() throws Exception {
		WorkflowReplayer.replayWorkflowExecutionFromResource("histories/webhooks/dispatch-running.json",
				WebhookDispatchWorkflowImpl.class);
	}

}
