package io.scriptorium.workflows.boot;

import io.scriptorium.workflows.WorkflowIds;
import io.scriptorium.workflows.migration.SchemaMigrationStarter;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** DOWN until the migration workflow this app started or joined has succeeded: no traffic before the schema. */
class MigrationHealthIndicator implements HealthIndicator {

	private final SchemaMigrationStarter starter;

	MigrationHealthIndicator(SchemaMigrationStarter starter) {
		this.starter = starter;
	}

	@Override
	public Health health() {
		Health.Builder health = this.starter.result()
			.map((result) -> Health.up()
				.withDetail("schemaVersion", String.valueOf(result.schemaVersion()))
				.withDetail("appliedVersions", result.appliedVersions()))
			.orElseGet(Health::down);
		health.withDetail("workflowId", WorkflowIds.SCHEMA_MIGRATION);
		this.starter.runId().ifPresent((runId) -> health.withDetail("runId", runId));
		this.starter.lastFailure().ifPresent((failure) -> health.withDetail("lastFailure", failure.toString()));
		return health.build();
	}

}
