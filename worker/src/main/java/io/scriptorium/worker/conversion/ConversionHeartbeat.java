package io.scriptorium.worker.conversion;

import io.scriptorium.worker.shutdown.Heartbeats;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeats from another thread while LibreOffice blocks the activity thread, so that a worker that died
 * mid-conversion is noticed after the heartbeat timeout rather than the start-to-close timeout.
 */
final class ConversionHeartbeat implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ConversionHeartbeat.class);

	private final ScheduledFuture<?> ticks;

	private ConversionHeartbeat(ScheduledFuture<?> ticks) {
		this.ticks = ticks;
	}

	static ConversionHeartbeat start(ActivityExecutionContext context, Duration interval,
			ScheduledExecutorService scheduler) {
		long start = System.nanoTime();
		return new ConversionHeartbeat(scheduler.scheduleAtFixedRate(() -> beat(context, start), 0,
				interval.toMillis(), TimeUnit.MILLISECONDS));
	}

	private static void beat(ActivityExecutionContext context, long start) {
		try {
			Heartbeats.send(context, "converting for " + (System.nanoTime() - start) / 1_000_000_000 + " s");
		}
		catch (RuntimeException ex) {
			// Cancelled or timed out: LibreOffice's own task timeout ends the conversion; keep the scheduler alive.
			logger.debug("Heartbeat failed", ex);
		}
	}

	@Override
	public void close() {
		this.ticks.cancel(false);
	}

}
