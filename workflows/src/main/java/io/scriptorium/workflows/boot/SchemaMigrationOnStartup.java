package io.scriptorium.workflows.boot;

import io.scriptorium.workflows.migration.SchemaMigrationStarter;
import io.temporal.client.WorkflowClient;
import org.springframework.context.SmartLifecycle;

/**
 * Starts (or joins) the schema migration workflow when the context starts, without blocking startup, and stops
 * waiting for it on shutdown. Readiness follows it through {@link MigrationHealthIndicator}.
 */
class SchemaMigrationOnStartup implements SmartLifecycle {

	private final SchemaMigrationStarter starter;

	private volatile boolean running;

	SchemaMigrationOnStartup(WorkflowClient client, MigrationProperties properties) {
		this.starter = new SchemaMigrationStarter(client, properties.getRetryInitialInterval(),
				properties.getRetryMaxInterval());
	}

	SchemaMigrationStarter starter() {
		return this.starter;
	}

	@Override
	public void start() {
		this.starter.start();
		this.running = true;
	}

	@Override
	public void stop() {
		this.starter.close();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
