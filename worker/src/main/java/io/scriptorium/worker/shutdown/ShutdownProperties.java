package io.scriptorium.worker.shutdown;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How a worker stops on SIGTERM. */
@ConfigurationProperties("scriptorium.shutdown")
public class ShutdownProperties {

	/**
	 * How long running activities may take to finish once polling has stopped. Keep it below
	 * {@code spring.lifecycle.timeout-per-shutdown-phase} and the platform's grace period (compose
	 * {@code stop_grace_period}, Kubernetes {@code terminationGracePeriodSeconds}); activities still running then
	 * are interrupted and Temporal retries them elsewhere.
	 */
	private Duration gracePeriod = Duration.ofSeconds(50);

	public Duration getGracePeriod() {
		return this.gracePeriod;
	}

	public void setGracePeriod(Duration gracePeriod) {
		this.gracePeriod = gracePeriod;
	}

}
