package io.scriptorium.worker.migration;

import io.scriptorium.worker.shutdown.BackgroundHeartbeat;
import io.scriptorium.workflows.TaskQueues;
import io.scriptorium.workflows.migration.MigrationResult;
import io.scriptorium.workflows.migration.SchemaMigrationActivities;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import io.temporal.spring.boot.ActivityImpl;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.MigrateResult;
import org.springframework.stereotype.Component;

/** Applies the pending Flyway migrations; with none pending it applies nothing, so a retry is harmless. */
@Component
@ActivityImpl(taskQueues = TaskQueues.MIGRATION)
class SchemaMigrationActivitiesImpl implements SchemaMigrationActivities {

	/** The failure type of a schema that no longer matches its migrations: only a person can fix that. */
	static final String SCHEMA_VALIDATION_FAILED = "SCHEMA_VALIDATION_FAILED";

	/** Well inside the workflow's heartbeat timeout, so one slow statement does not look like a dead worker. */
	private static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(5);

	private final Flyway flyway;

	SchemaMigrationActivitiesImpl(Flyway flyway) {
		this.flyway = flyway;
	}

	@Override
	public MigrationResult applyMigrations() {
		ActivityExecutionContext context = Activity.getExecutionContext();
		// Flyway's migrate() blocks for the whole migration, so the heartbeats come from a side thread.
		ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "schema-migration-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		try (BackgroundHeartbeat heartbeat = BackgroundHeartbeat.start(context, "migrating", HEARTBEAT_INTERVAL,
				heartbeats)) {
			return migrate();
		}
		catch (FlywayValidateException ex) {
			throw ApplicationFailure.newNonRetryableFailureWithCause(ex.getMessage(), SCHEMA_VALIDATION_FAILED, ex);
		}
		finally {
			heartbeats.shutdownNow();
		}
	}

	private MigrationResult migrate() {
		MigrateResult result = this.flyway.migrate();
		List<String> applied = result.migrations.stream().map((migration) -> migration.version).toList();
		MigrationInfo current = this.flyway.info().current();
		String schemaVersion = (current != null && current.getVersion() != null) ? current.getVersion().getVersion()
				: null;
		return new MigrationResult(applied, schemaVersion);
	}

}
