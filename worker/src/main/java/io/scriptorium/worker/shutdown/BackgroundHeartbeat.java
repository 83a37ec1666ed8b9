package io.scriptorium.worker.shutdown;

import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeats from another thread while a call that cannot heartbeat itself blocks the activity thread (LibreOffice
 * converting, Flyway migrating), so that a worker that died meanwhile is noticed after the heartbeat timeout rather
 * than the start-to-close timeout. Each heartbeat says what is being done and for how long.
 */
public final class BackgroundHeartbeat implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(BackgroundHeartbeat.class);

	private final ScheduledFuture<?> ticks;

	private BackgroundHeartbeat(ScheduledFuture<?> ticks) {
		this.ticks = ticks;
	}

	/** @param doing what the heartbeats say is being done, e.g. {@code converting} */
	public static BackgroundHeartbeat start(ActivityExecutionContext context, String doing, Duration interval,
			ScheduledExecutorService scheduler) {
		long start = System.nanoTime();
		return new BackgroundHeartbeat(scheduler.scheduleAtFixedRate(() -> beat(context, doing, start), 0,
				interval.toMillis(), TimeUnit.MILLISECONDS));
	}

	private static void beat(ActivityExecutionContext context, String doing, long start) {
		try {
			Heartbeats.send(context, doing + " for " + (System.nanoTime() - start) / 1_000_000_000 + " s");
		}
		catch (RuntimeException ex) {
			// Cancelled or timed out: the blocked call's own time limit ends it; keep the scheduler alive.
			logger.debug("Heartbeat failed", ex);
		}
	}

	@Override
	public void close() {
		this.ticks.cancel(false);
	}

}
