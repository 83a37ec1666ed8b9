package io.scriptorium.worker.sandbox;

import java.util.concurrent.TimeUnit;

/** Ending the processes the worker starts. */
public final class Processes {

	private Processes() {
	}

	/**
	 * Kills {@code process} and waits (up to 10 s) until it is gone, so that it writes nothing more into a directory
	 * its caller is about to delete.
	 */
	public static void kill(Process process) {
		try {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
