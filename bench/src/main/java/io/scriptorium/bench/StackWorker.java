package io.scriptorium.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local stack's worker, stopped and started again through {@code scripts/stack} (which keeps its pid file, so
 * that {@code scripts/stack down} and the CPU budget still find it). Started with extra environment variables it
 * runs with other settings, e.g. another embedding model; started without, with the stack's own.
 */
final class StackWorker {

	/** Stopping waits for running activities (the worker's grace period); starting, for readiness. */
	private static final Duration STEP_TIMEOUT = Duration.ofMinutes(5);

	private final Path script;

	private final Path log;

	/** @param stackDirectory the stack's state directory ({@code STACK_DIR}), which holds {@code logs/worker.log} */
	StackWorker(Path script, Path stackDirectory) {
		this.script = script;
		this.log = stackDirectory.resolve("logs").resolve("worker.log");
	}

	/** Stops the running worker and starts one with {@code environment} added to the stack's. */
	void restartWith(Map<String, String> environment) throws IOException, InterruptedException {
		run(Map.of(), "stop", "worker");
		run(environment, "start", "worker");
	}

	/** Copies the running worker's log to {@code worker-<name>.log} beside it: the next worker's start empties it. */
	Path keepLog(String name) throws IOException {
		Path kept = this.log.resolveSibling("worker-" + name + ".log");
		Files.copy(this.log, kept, StandardCopyOption.REPLACE_EXISTING);
		return kept;
	}

	/** Stops the running worker and starts the stack's own. */
	void restore() throws IOException, InterruptedException {
		restartWith(Map.of());
	}

	private void run(Map<String, String> environment, String... args) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(this.script.toString());
		builder.command().addAll(List.of(args));
		builder.environment().putAll(environment);
		builder.inheritIO();
		Process process = builder.start();
		if (!process.waitFor(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IOException(this.script + " " + String.join(" ", args) + " did not end within " + STEP_TIMEOUT);
		}
		if (process.exitValue() != 0) {
			throw new IOException(this.script + " " + String.join(" ", args) + " exited with " + process.exitValue());
		}
	}

}
