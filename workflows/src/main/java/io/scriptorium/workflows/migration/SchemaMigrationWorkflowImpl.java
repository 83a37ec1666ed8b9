package io.scriptorium.workflows.migration;

import io.scriptorium.workflows.TaskQueues;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Runs the migration activity once. Temporal's workflow ID uniqueness, not this class, makes the migration a
 * singleton; the workflow only bounds how long and how often the activity may try.
 */
public class SchemaMigrationWorkflowImpl implements SchemaMigrationWorkflow {

	/**
	 * No schedule-to-start timeout on purpose: an api-server may start the run before any worker polls the
	 * migration queue, and the activity should then wait for the first worker rather than fail. Flyway migrates
	 * under its own lock and heartbeats come from a side thread, so a worker that dies mid-migration is noticed
	 * after the heartbeat timeout, not after the whole start-to-close timeout.
	 */
	private static final ActivityOptions MIGRATION_OPTIONS = ActivityOptions.newBuilder()
		.setTaskQueue(TaskQueues.MIGRATION)
		.setStartToCloseTimeout(Duration.ofMinutes(30))
		.setHeartbeatTimeout(Duration.ofSeconds(30))
		.setRetryOptions(RetryOptions.newBuilder()
			.setInitialInterval(Duration.ofSeconds(1))
			.setBackoffCoefficient(2)
			.setMaximumInterval(Duration.ofMinutes(1))
			// A database that stays down longer than this fails the run; the starters then start a new one.
			.setMaximumAttempts(10)
			.build())
		.build();

	private final SchemaMigrationActivities activities = Workflow.newActivityStub(SchemaMigrationActivities.class,
			MIGRATION_OPTIONS);

	@Override
	public MigrationResult migrate() {
		return this.activities.applyMigrations();
	}

}
