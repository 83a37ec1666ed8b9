package io.scriptorium.api.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How the event streams are served. */
@ConfigurationProperties("scriptorium.events")
public class EventsProperties {

	/**
	 * How often the events table is read without a notification: an event is read only once every transaction
	 * older than it has ended, which does not notify.
	 */
	private Duration pollInterval = Duration.ofSeconds(1);

	/** How often an idle stream gets a comment, so that proxies keep it open and a gone client is noticed. */
	private Duration keepAlive = Duration.ofSeconds(15);

	/** How long one response streams; then it ends and the client reconnects with Last-Event-ID, missing nothing. */
	private Duration streamTimeout = Duration.ofMinutes(30);

	/** Open streams per api-server; more are answered 503. */
	private int maxStreams = 500;

	/** The most events a reconnect replays; a client gone longer gets the newest ones. */
	private int replayLimit = 10_000;

	/** How long events are kept for reconnects and webhooks. */
	private Duration retention = Duration.ofDays(7);

	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	public Duration getKeepAlive() {
		return this.keepAlive;
	}

	public void setKeepAlive(Duration keepAlive) {
		this.keepAlive = keepAlive;
	}

	public Duration getStreamTimeout() {
		return this.streamTimeout;
	}

	public void setStreamTimeout(Duration streamTimeout) {
		this.streamTimeout = streamTimeout;
	}

	public int getMaxStreams() {
		return this.maxStreams;
	}

	public void setMaxStreams(int maxStreams) {
		this.maxStreams = maxStreams;
	}

	public int getReplayLimit() {
		return this.replayLimit;
	}

	public void setReplayLimit(int replayLimit) {
		this.replayLimit = replayLimit;
	}

	public Duration getRetention() {
		return this.retention;
	}

	public void setRetention(Duration retention) {
		this.retention = retention;
	}

}
