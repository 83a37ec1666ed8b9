package io.scriptorium.workflows.boot;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How this app waits for the schema migration workflow it starts on boot. */
@ConfigurationProperties("scriptorium.migration")
public class MigrationProperties {

	/** First pause before trying again when Temporal cannot be reached or the migration run failed. */
	private Duration retryInitialInterval = Duration.ofSeconds(1);

	/** Longest pause between attempts; the pause doubles from the initial interval up to this. */
	private Duration retryMaxInterval = Duration.ofSeconds(30);

	public Duration getRetryInitialInterval() {
		return this.retryInitialInterval;
	}

	public void setRetryInitialInterval(Duration retryInitialInterval) {
		this.retryInitialInterval = retryInitialInterval;
	}

	public Duration getRetryMaxInterval() {
		return this.retryMaxInterval;
	}

	public void setRetryMaxInterval(Duration retryMaxInterval) {
		this.retryMaxInterval = retryMaxInterval;
	}

}
