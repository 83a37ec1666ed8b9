package io.scriptorium.worker.migration;

import io.temporal.client.WorkflowClient;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the migration: Flyway runs only inside the migration workflow, never at startup. */
@Configuration(proxyBeanMethods = false)
class MigrationConfiguration {

	/**
	 * Boot still builds {@code Flyway} from {@code spring.flyway.*}, but every replica migrating at startup would race;
	 * the singleton workflow runs {@code migrate()} instead.
	 */
	@Bean
	FlywayMigrationStrategy noMigrationAtStartup() {
		return (flyway) -> {
		};
	}

	@Bean
	SchemaMigrationOnStartup schemaMigrationOnStartup(WorkflowClient client, MigrationProperties properties) {
		return new SchemaMigrationOnStartup(client, properties);
	}

	@Bean
	MigrationHealthIndicator migrationHealthIndicator(SchemaMigrationOnStartup onStartup) {
		return new MigrationHealthIndicator(onStartup.starter());
	}

}
