package io.scriptorium.worker.shutdown;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityWorkerShutdownException;

/**
 * Heartbeats that let an activity finish while its worker drains. Once the worker factory is shutting down, the SDK
 * throws {@link ActivityWorkerShutdownException} from every heartbeat, so that an activity may give up early; ours
 * would then fail mid-batch and be retried elsewhere, which is what {@link GracefulWorkerShutdown}'s grace period is
 * there to avoid. The batch goes on and its result is still reported; past the grace period the worker interrupts it.
 */
public final class Heartbeats {

	private Heartbeats() {
	}

	public static void send(ActivityExecutionContext context, Object details) {
		try {
			context.heartbeat(details);
		}
		catch (ActivityWorkerShutdownException ex) {
			// Draining: finish the work at hand.
		}
	}

}
