package io.scriptorium.worker.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.scriptorium.workflows.migration.MigrationResult;
import io.scriptorium.workflows.migration.SchemaMigrationActivities;
import io.scriptorium.workflows.testing.TestDatabase;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.JdbcTemplate;

/** The Flyway activity on a fresh PostgreSQL database, with the worker's real migrations. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SchemaMigrationActivitiesImplIT {

	private TestDatabase database;

	private TestActivityEnvironment environment;

	private SchemaMigrationActivities activities;

	private JdbcTemplate jdbc;

	@BeforeEach
	void createDatabase() throws Exception {
		this.database = TestDatabase.createEmpty();
		this.jdbc = new JdbcTemplate(this.database.dataSource());
		Flyway flyway = Flyway.configure().dataSource(this.database.dataSource()).load();
		this.environment = TestActivityEnvironment.newInstance();
		this.environment.registerActivitiesImplementations(new SchemaMigrationActivitiesImpl(flyway));
		this.activities = this.environment.newActivityStub(SchemaMigrationActivities.class,
				ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());
	}

	@AfterEach
	void dropDatabase() throws Exception {
		this.environment.close();
		this.database.close();
	}

	@Test
	void appliesPendingMigrationsOnceAndNothingOnTheNextCall() {
		MigrationResult first = this.activities.applyMigrations();
		MigrationResult second = this.activities.applyMigrations();

		assertThat(first.appliedVersions()).contains("1");
		assertThat(second.appliedVersions()).isEmpty();
		assertThat(second.schemaVersion()).isEqualTo(first.schemaVersion());
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE version IS NOT NULL",
				Integer.class))
			.isEqualTo(first.appliedVersions().size());
	}

	@Test
	void editedAppliedMigrationFailsWithoutRetry() {
		this.activities.applyMigrations();
		this.jdbc.update("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");

		ActivityFailure failure = catchThrowableOfType(ActivityFailure.class, this.activities::applyMigrations);

		assertThat(failure.getCause()).isInstanceOfSatisfying(ApplicationFailure.class, (cause) -> {
			assertThat(cause.getType()).isEqualTo(SchemaMigrationActivitiesImpl.SCHEMA_VALIDATION_FAILED);
			assertThat(cause.isNonRetryable()).isTrue();
		});
	}

}
