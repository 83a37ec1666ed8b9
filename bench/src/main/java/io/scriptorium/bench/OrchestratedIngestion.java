package io.scriptorium.bench;

import io.scriptorium.client.ApiException;
import io.scriptorium.client.Document;
import io.scriptorium.client.ScriptoriumClient;
import io.scriptorium.client.UploadOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Ingests files through the running platform's API and waits for every document to reach a terminal status. */
final class OrchestratedIngestion {

	/**
	 * Once a second, as a client waiting for its documents would. The status comes from the database (the
	 * workflow's progress query is asked only with {@code progress=true}, which the bench does not).
	 */
	private static final Duration POLL = Duration.ofSeconds(1);

	/** How long an upload waits for the previous run of the same bytes (a warm-up, another client) to end. */
	private static final Duration CONFLICT_WAIT = Duration.ofMinutes(10);

	private final ScriptoriumClient api;

	OrchestratedIngestion(ScriptoriumClient api) {
		this.api = api;
	}

	/** One document's outcome in a pass. */
	record Outcome(String file, UUID id, String status, int pages, int chunks) {
	}

	/** A pass: every file uploaded at once, timed from the first upload to the last terminal status. */
	record Pass(double seconds, List<Outcome> outcomes, boolean timedOut) {

		int ready() {
			return (int) this.outcomes.stream().filter(o -> "READY".equals(o.status())).count();
		}

		int pages() {
			return this.outcomes.stream().mapToInt(Outcome::pages).sum();
		}

		int chunks() {
			return this.outcomes.stream().mapToInt(Outcome::chunks).sum();
		}

	}

	Pass pass(List<CorpusFile> files, boolean reprocess, Duration timeout) throws IOException, InterruptedException {
		long start = System.nanoTime();
		long deadline = start + timeout.toNanos();
		Map<UUID, String> pending = new LinkedHashMap<>();
		for (CorpusFile file : files) {
			pending.put(uploadRetryingConflicts(file.path(), reprocess), file.name());
		}
		List<Outcome> outcomes = new ArrayList<>();
		long last = start;
		while (!pending.isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(POLL.toMillis());
			for (UUID id : List.copyOf(pending.keySet())) {
				Document document = this.api.document(id, false);
				if (document.terminal()) {
					last = System.nanoTime();
					outcomes.add(new Outcome(pending.remove(id), id, document.status(),
							(document.pages() != null) ? document.pages() : 0,
							(document.chunks() != null) ? document.chunks() : 0));
				}
			}
		}
		boolean timedOut = !pending.isEmpty();
		pending.forEach((id, name) -> outcomes.add(new Outcome(name, id, "TIMED_OUT", 0, 0)));
		return new Pass((last - start) / 1e9, outcomes, timedOut);
	}

	/** Seconds from the upload to READY, seen by polling every {@code poll}. */
	double uploadToReady(Path file, Duration poll, Duration timeout) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		UUID id = uploadRetryingConflicts(file, true);
		// The clock starts with the accepted upload's request: a 409 only says that the previous run is still closing.
		long accepted = this.lastAttemptStart;
		while (System.nanoTime() < deadline) {
			Document document = this.api.document(id, false);
			if ("READY".equals(document.status())) {
				return (System.nanoTime() - accepted) / 1e9;
			}
			if (document.terminal()) {
				throw new IOException(file.getFileName() + " ended " + document.status());
			}
			Thread.sleep(poll.toMillis());
		}
		throw new IOException(file.getFileName() + " was not READY within " + timeout);
	}

	private long lastAttemptStart;

	private UUID uploadRetryingConflicts(Path file, boolean reprocess) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + CONFLICT_WAIT.toNanos();
		while (true) {
			try {
				this.lastAttemptStart = System.nanoTime();
				return this.api.upload(file, UploadOptions.NONE.withReprocess(reprocess)).document().id();
			}
			catch (ApiException ex) {
				// 409: the previous run of these bytes has not ended or closed yet.
				if (System.nanoTime() > deadline || ex.status() != 409) {
					throw ex;
				}
				Thread.sleep(100);
			}
		}
	}

}
