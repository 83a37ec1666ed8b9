package io.scriptorium.workflows.migration;

import io.scriptorium.workflows.TaskQueues;
import io.scriptorium.workflows.WorkflowIds;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the schema migration workflow, or joins the run already in progress, and waits for its result on a
 * background thread, so that an application can boot (and answer its liveness probe) while the schema is migrated.
 * Every replica of every app does this on boot: the fixed workflow ID with {@code USE_EXISTING} makes concurrent
 * starters share one run, and {@code ALLOW_DUPLICATE} makes the next deploy run the migration again.
 * <p>
 * Until the Temporal server answers, or when a run fails, it tries again with exponential backoff.
 */
public final class SchemaMigrationStarter implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SchemaMigrationStarter.class);

	/** How long one wait for the result lasts before {@link #close()} is checked again. */
	private static final Duration RESULT_POLL = Duration.ofSeconds(10);

	private final WorkflowClient client;

	private final Duration initialBackoff;

	private final Duration maxBackoff;

	private final Thread thread;

	private final CountDownLatch completed = new CountDownLatch(1);

	private volatile boolean closed;

	private volatile String runId;

	private volatile MigrationResult result;

	private volatile RuntimeException lastFailure;

	public SchemaMigrationStarter(WorkflowClient client, Duration initialBackoff, Duration maxBackoff) {
		this.client = client;
		this.initialBackoff = initialBackoff;
		this.maxBackoff = maxBackoff;
		this.thread = new Thread(this::run, "schema-migration-starter");
		this.thread.setDaemon(true);
	}

	/** The options every starter uses; they are what makes the migration a singleton. */
	public static WorkflowOptions workflowOptions() {
		return WorkflowOptions.newBuilder()
			.setWorkflowId(WorkflowIds.SCHEMA_MIGRATION)
			.setTaskQueue(TaskQueues.MIGRATION)
			.setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
			.setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
			.build();
	}

	/** Starts the background thread and returns at once. */
	public void start() {
		this.thread.start();
	}

	/** Whether the run this starter joined has completed successfully. */
	public boolean isComplete() {
		return this.result != null;
	}

	public Optional<MigrationResult> result() {
		return Optional.ofNullable(this.result);
	}

	/** The run this starter started or joined most recently, once the server has answered. */
	public Optional<String> runId() {
		return Optional.ofNullable(this.runId);
	}

	/** Why the last attempt to start or await the run failed, if it did; cleared by success. */
	public Optional<RuntimeException> lastFailure() {
		return Optional.ofNullable(this.lastFailure);
	}

	/** Waits up to {@code timeout} for the migration; returns whether it completed. */
	public boolean awaitCompletion(Duration timeout) throws InterruptedException {
		return this.completed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() {
		this.closed = true;
		this.thread.interrupt();
	}

	private void run() {
		Duration backoff = this.initialBackoff;
		while (!this.closed) {
			try {
				WorkflowExecution execution = startOrJoin();
				this.runId = execution.getRunId();
				Optional<MigrationResult> outcome = awaitResult(execution);
				if (outcome.isEmpty()) {
					return;
				}
				this.result = outcome.get();
				this.lastFailure = null;
				this.completed.countDown();
				log.info("Schema migration run {} completed: applied {}, schema version {}", this.runId,
						this.result.appliedVersions(), this.result.schemaVersion());
				return;
			}
			catch (RuntimeException ex) {
				if (this.closed) {
					return;
				}
				this.lastFailure = ex;
				log.warn("Schema migration not done yet ({}); trying again in {}", ex.toString(), backoff);
				if (!sleep(backoff)) {
					return;
				}
				backoff = backoff.multipliedBy(2).compareTo(this.maxBackoff) > 0 ? this.maxBackoff
						: backoff.multipliedBy(2);
			}
		}
	}

	private WorkflowExecution startOrJoin() {
		SchemaMigrationWorkflow workflow = this.client.newWorkflowStub(SchemaMigrationWorkflow.class,
				workflowOptions());
		return WorkflowClient.start(workflow::migrate);
	}

	/** The run's result, or empty when this starter was closed while waiting. */
	private Optional<MigrationResult> awaitResult(WorkflowExecution execution) {
		WorkflowStub stub = this.client.newUntypedWorkflowStub(execution.getWorkflowId(),
				Optional.of(execution.getRunId()), Optional.empty());
		while (!this.closed) {
			try {
				return Optional
					.of(stub.getResult(RESULT_POLL.toMillis(), TimeUnit.MILLISECONDS, MigrationResult.class));
			}
			catch (TimeoutException ex) {
				// Still running: migrating, or waiting for the first worker to poll the migration queue.
			}
		}
		return Optional.empty();
	}

	private boolean sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
