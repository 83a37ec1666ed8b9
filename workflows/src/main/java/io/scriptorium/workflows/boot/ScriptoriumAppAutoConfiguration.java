package io.scriptorium.workflows.boot;

import io.scriptorium.workflows.webhooks.WebhookProperties;
import io.scriptorium.workflows.webhooks.WebhookTargets;
import io.temporal.client.WorkflowClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * What the worker and the api-server both need on boot: start (or join) the singleton schema migration workflow,
 * and report readiness only once it has succeeded and Temporal answers; and the webhook target rule. Registered in
 * {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}, after the Temporal
 * starter has built the {@link WorkflowClient}.
 */
@AutoConfiguration(afterName = "io.temporal.spring.boot.autoconfigure.RootNamespaceAutoConfiguration")
@ConditionalOnBean(WorkflowClient.class)
@EnableConfigurationProperties({ MigrationProperties.class, WebhookProperties.class })
public final class ScriptoriumAppAutoConfiguration {

	@Bean
	SchemaMigrationOnStartup schemaMigrationOnStartup(WorkflowClient client, MigrationProperties properties) {
		return new SchemaMigrationOnStartup(client, properties);
	}

	@Bean
	MigrationHealthIndicator migrationHealthIndicator(SchemaMigrationOnStartup onStartup) {
		return new MigrationHealthIndicator(onStartup.starter());
	}

	/** The address rule for webhook targets: the API checks it at registration, the worker at each delivery. */
	@Bean
	WebhookTargets webhookTargets(WebhookProperties properties) {
		return new WebhookTargets(properties.getAllowedNetworks());
	}

	@Bean
	TemporalHealthIndicator temporalHealthIndicator(WorkflowClient client) {
		return new TemporalHealthIndicator(client);
	}

}
