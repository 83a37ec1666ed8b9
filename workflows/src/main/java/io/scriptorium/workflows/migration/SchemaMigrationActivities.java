package io.scriptorium.workflows.migration;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Runs Flyway. Idempotent: applying an up-to-date schema applies nothing. */
@ActivityInterface
public interface SchemaMigrationActivities {

	@ActivityMethod
	MigrationResult applyMigrations();

}
