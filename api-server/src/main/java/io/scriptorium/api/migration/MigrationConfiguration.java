package io.scriptorium.api.migration;

import io.temporal.client.WorkflowClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The api-server runs no migration itself (it hosts no worker) but starts or joins the migration workflow, so that
 * it only reports ready once the schema it queries exists.
 */
@Configuration(proxyBeanMethods = false)
class MigrationConfiguration {

	@Bean
	SchemaMigrationOnStartup schemaMigrationOnStartup(WorkflowClient client, MigrationProperties properties) {
		return new SchemaMigrationOnStartup(client, properties);
	}

	@Bean
	MigrationHealthIndicator migrationHealthIndicator(SchemaMigrationOnStartup onStartup) {
		return new MigrationHealthIndicator(onStartup.starter());
	}

}
