package io.scriptorium.worker.webhooks;

import io.scriptorium.workflows.TaskQueues;
import io.scriptorium.workflows.WorkflowIds;
import io.scriptorium.workflows.webhooks.WebhookDispatchWorkflow;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Makes sure the dispatch workflow runs: every worker starts it on boot under its fixed ID, and Temporal keeps the
 * one run that exists ({@code USE_EXISTING}), or starts a new one if the last ended. Tries until Temporal answers.
 */
@Component
class WebhookDispatchStarter implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(WebhookDispatchStarter.class);

	private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

	private final WorkflowClient client;

	private volatile boolean running;

	private Thread thread;

	WebhookDispatchStarter(WorkflowClient client) {
		this.client = client;
	}

	static WorkflowOptions workflowOptions() {
		return WorkflowOptions.newBuilder()
			.setWorkflowId(WorkflowIds.WEBHOOK_DISPATCH)
			.setTaskQueue(TaskQueues.WEBHOOKS)
			.setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
			.setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
			.build();
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = new Thread(this::startDispatch, "webhook-dispatch-starter");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void startDispatch() {
		Duration backoff = Duration.ofSeconds(1);
		while (this.running) {
			try {
				WebhookDispatchWorkflow dispatch = this.client.newWorkflowStub(WebhookDispatchWorkflow.class,
						workflowOptions());
				WorkflowClient.start(dispatch::dispatch, null);
				log.info("Webhook dispatch workflow {} is running", WorkflowIds.WEBHOOK_DISPATCH);
				return;
			}
			catch (RuntimeException ex) {
				log.warn("Could not start the webhook dispatch workflow yet ({}); trying again in {}", ex.toString(),
						backoff);
				try {
					Thread.sleep(backoff.toMillis());
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
				backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
			}
		}
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.thread != null) {
			this.thread.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
