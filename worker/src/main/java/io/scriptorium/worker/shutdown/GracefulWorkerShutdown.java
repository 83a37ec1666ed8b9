package io.scriptorium.worker.shutdown;

import io.temporal.worker.WorkerFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Drains the Temporal workers before the rest of the application stops. The starter only calls
 * {@link WorkerFactory#shutdown()} when the context is destroyed: polling stops, but nothing waits for the running
 * activities, so the JVM could exit (or close the connection pool under them) mid-batch. As the first lifecycle bean
 * to stop, this stops polling, waits up to the grace period for running activities to finish and report their
 * results, and only then lets the database pool and the Temporal connection close.
 */
@Component
class GracefulWorkerShutdown implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(GracefulWorkerShutdown.class);

	private final WorkerFactory workerFactory;

	private final ShutdownProperties properties;

	GracefulWorkerShutdown(WorkerFactory workerFactory, ShutdownProperties properties) {
		this.workerFactory = workerFactory;
		this.properties = properties;
	}

	@Override
	public void start() {
		// The starter starts the workers once the application is ready.
	}

	@Override
	public void stop() {
		logger.info("Stopping polling; waiting up to {} for running activities to finish",
				this.properties.getGracePeriod());
		this.workerFactory.shutdown();
		this.workerFactory.awaitTermination(this.properties.getGracePeriod().toMillis(), TimeUnit.MILLISECONDS);
		if (this.workerFactory.isTerminated()) {
			logger.info("Workers drained");
			return;
		}
		logger.warn("Activities still running after {}: interrupting them; Temporal retries them on another worker",
				this.properties.getGracePeriod());
		this.workerFactory.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.workerFactory.isStarted() && !this.workerFactory.isShutdown();
	}

	/** Before the web server (health stays answerable while draining) and everything else. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

}
