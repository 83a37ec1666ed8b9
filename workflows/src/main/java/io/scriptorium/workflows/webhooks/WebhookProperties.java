package io.scriptorium.workflows.webhooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Webhook delivery, for the api-server (which checks targets at registration) and the worker (which delivers). */
@ConfigurationProperties("scriptorium.webhooks")
public class WebhookProperties {

	/**
	 * Networks (CIDR, e.g. {@code 10.20.0.0/16}, {@code 127.0.0.1/32}) that targets may be on although they are
	 * private, loopback or link-local; closed by default, so a webhook cannot reach into the deployment's network.
	 */
	private List<String> allowedNetworks = new ArrayList<>();

	/** How long a delivery is retried while the receiver fails or is unreachable. */
	private Duration retryFor = Duration.ofDays(1);

	/** How long one attempt waits for the receiver's answer. */
	private Duration requestTimeout = Duration.ofSeconds(10);

	/** How long one dispatch round waits for new events before it returns to its workflow. */
	private Duration pollTimeout = Duration.ofSeconds(50);

	public List<String> getAllowedNetworks() {
		return this.allowedNetworks;
	}

	public void setAllowedNetworks(List<String> allowedNetworks) {
		this.allowedNetworks = allowedNetworks;
	}

	public Duration getRetryFor() {
		return this.retryFor;
	}

	public void setRetryFor(Duration retryFor) {
		this.retryFor = retryFor;
	}

	public Duration getRequestTimeout() {
		return this.requestTimeout;
	}

	public void setRequestTimeout(Duration requestTimeout) {
		this.requestTimeout = requestTimeout;
	}

	public Duration getPollTimeout() {
		return this.pollTimeout;
	}

	public void setPollTimeout(Duration pollTimeout) {
		this.pollTimeout = pollTimeout;
	}

}
