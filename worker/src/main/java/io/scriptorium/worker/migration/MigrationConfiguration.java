package io.scriptorium.worker.migration;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Flyway runs only inside the migration workflow, never at startup. (Starting the workflow on boot and the
 * readiness it drives are shared with the api-server: {@code io.scriptorium.workflows.boot}.)
 */
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

}
