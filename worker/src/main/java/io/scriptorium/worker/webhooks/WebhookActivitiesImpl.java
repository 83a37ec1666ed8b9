package io.scriptorium.worker.webhooks;

import io.micrometer.core.instrument.MeterRegistry;
import io.scriptorium.worker.webhooks.WebhookStore.Endpoint;
import io.scriptorium.worker.webhooks.WebhookStore.Target;
import io.scriptorium.workflows.TaskQueues;
import io.scriptorium.workflows.document.DocumentEvent;
import io.scriptorium.workflows.WorkflowIds;
import io.scriptorium.workflows.webhooks.DispatchCursor;
import io.scriptorium.workflows.webhooks.WebhookActivities;
import io.scriptorium.workflows.webhooks.WebhookDelivery;
import io.scriptorium.workflows.webhooks.WebhookDeliveryWorkflow;
import io.scriptorium.workflows.webhooks.WebhookProperties;
import io.scriptorium.workflows.webhooks.WebhookTargets;
import io.scriptorium.workflows.webhooks.WebhookTargets.RefusedTarget;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.ActivityWorkerShutdownException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.spring.boot.ActivityImpl;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The webhook activities. Dispatch LISTENs for new events (and reads every second, since an event becomes final
 * when older transactions end, which notifies nothing) and starts one delivery workflow per endpoint and event.
 */
@Component
@ActivityImpl(taskQueues = TaskQueues.WEBHOOKS)
class WebhookActivitiesImpl implements WebhookActivities {

	private static final Logger log = LoggerFactory.getLogger(WebhookActivitiesImpl.class);

	private static final int BATCH = 200;

	private static final Duration RECHECK = Duration.ofSeconds(1);

	/** The Temporal failure type of a delivery that failed and will be tried again. */
	static final String NOT_DELIVERED = "WEBHOOK_NOT_DELIVERED";

	/** The Temporal failure type of a target that the address rule refuses: not retried. */
	static final String TARGET_REFUSED = "WEBHOOK_TARGET_REFUSED";

	private final WebhookStore store;

	private final WebhookSender sender;

	private final WebhookTargets targets;

	private final WebhookProperties properties;

	private final WorkflowClient client;

	private final DataSource dataSource;

	private final MeterRegistry meters;

	WebhookActivitiesImpl(WebhookStore store, WebhookSender sender, WebhookTargets targets,
			WebhookProperties properties, WorkflowClient client, DataSource dataSource, MeterRegistry meters) {
		this.store = store;
		this.sender = sender;
		this.targets = targets;
		this.properties = properties;
		this.client = client;
		this.dataSource = dataSource;
		this.meters = meters;
	}

	@Override
	public DispatchCursor dispatchNewEvents(DispatchCursor after) {
		ActivityExecutionContext context = Activity.getExecutionContext();
		DispatchCursor cursor = (after != null) ? after : this.store.head();
		Instant deadline = Instant.now().plus(this.properties.getPollTimeout());
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("LISTEN document_events");
			try {
				PGConnection notifications = connection.unwrap(PGConnection.class);
				while (Instant.now().isBefore(deadline)) {
					List<DispatchCursor> events = this.store.eventsAfter(cursor, BATCH);
					if (!events.isEmpty()) {
						startDeliveries(events, context, cursor);
						return events.get(events.size() - 1);
					}
					context.heartbeat(cursor);
					notifications.getNotifications((int) RECHECK.toMillis());
				}
				return cursor;
			}
			finally {
				// The connection goes back to the pool: its next user must not collect notifications.
				statement.execute("UNLISTEN *");
			}
		}
		catch (ActivityWorkerShutdownException ex) {
			// The worker drains: end the round now rather than hold its shutdown for the rest of the poll timeout.
			return cursor;
		}
		catch (SQLException ex) {
			throw ApplicationFailure.newFailureWithCause("Could not read the document events: " + ex.getMessage(),
					"DATABASE_UNAVAILABLE", ex);
		}
	}

	/** Heartbeats as it goes: a batch of events for many endpoints is many starts. */
	private void startDeliveries(List<DispatchCursor> events, ActivityExecutionContext context, DispatchCursor from) {
		long retryFor = this.properties.getRetryFor().toSeconds();
		for (Target target : this.store.targets(events.stream().map(DispatchCursor::id).toList())) {
			context.heartbeat(from);
			WorkflowOptions options = WorkflowOptions.newBuilder()
				.setWorkflowId(WorkflowIds.forWebhookDelivery(target.endpointId(), target.eventId()))
				.setTaskQueue(TaskQueues.WEBHOOKS)
				.setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
				.build();
			WebhookDeliveryWorkflow delivery = this.client.newWorkflowStub(WebhookDeliveryWorkflow.class, options);
			try {
				WorkflowClient.start(delivery::deliver,
						new WebhookDelivery(target.endpointId(), target.eventId(), retryFor));
			}
			catch (WorkflowExecutionAlreadyStarted ex) {
				// Started by an earlier attempt of this round: the event is delivered once.
			}
		}
	}

	@Override
	public void deliver(WebhookDelivery delivery) {
		Optional<Endpoint> endpoint = this.store.endpoint(delivery.endpointId());
		Optional<DocumentEvent> event = this.store.event(delivery.eventId());
		if (endpoint.isEmpty() || event.isEmpty()) {
			log.info("Webhook delivery {} dropped: its endpoint or event no longer exists",
					WorkflowIds.forWebhookDelivery(delivery.endpointId(), delivery.eventId()));
			return;
		}
		int attempt = Activity.getExecutionContext().getInfo().getAttempt();
		String messageId = WorkflowIds.forWebhookDelivery(delivery.endpointId(), delivery.eventId());
		long started = System.nanoTime();
		try {
			this.targets.check(URI.create(endpoint.get().url()));
		}
		catch (RefusedTarget ex) {
			record(endpoint.get(), event.get(), attempt, null, ex.getMessage(), started, "refused");
			throw ApplicationFailure.newNonRetryableFailure(ex.getMessage(), TARGET_REFUSED);
		}
		int status;
		try {
			status = this.sender.send(endpoint.get(), messageId, event.get());
		}
		catch (IOException ex) {
			String error = "No answer from the receiver: " + ex;
			record(endpoint.get(), event.get(), attempt, null, error, started, "unreachable");
			throw ApplicationFailure.newFailure(error, NOT_DELIVERED);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw ApplicationFailure.newFailure("Interrupted while delivering", NOT_DELIVERED);
		}
		if (status / 100 != 2) {
			String error = "The receiver answered HTTP " + status;
			record(endpoint.get(), event.get(), attempt, status, error, started, "refused-by-receiver");
			throw ApplicationFailure.newFailure(error, NOT_DELIVERED);
		}
		record(endpoint.get(), event.get(), attempt, status, null, started, "delivered");
	}

	private void record(Endpoint endpoint, DocumentEvent event, int attempt, Integer status, String error, long started,
			String outcome) {
		long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
		this.store.recordAttempt(endpoint.id(), event, attempt, status, error, millis);
		this.meters.counter("scriptorium.webhook.deliveries", "outcome", outcome).increment();
	}

}
