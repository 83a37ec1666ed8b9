package io.scriptorium.bench;

import com.fasterxml.jackson.databind.JsonNode;
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

	private final ApiClient api;

	OrchestratedIngestion(ApiClient api) {
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
				JsonNode document = this.api.document(id);
				String status = document.path("status").asText();
				if (ApiClient.TERMINAL.contains(status)) {
					last = System.nanoTime();
					outcomes.add(new Outcome(pending.remove(id), id, status, document.path("pages").asInt(0),
							document.path("chunks").asInt(0)));
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
			String status = this.api.document(id).path("status").asText();
			if ("READY".equals(status)) {
				return (System.nanoTime() - accepted) / 1e9;
			}
			if (ApiClient.TERMINAL.contains(status)) {
				throw new IOException(file.getFileName() + " ended " + status);
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
				return this.api.upload(file, reprocess);
			}
			catch (IOException ex) {
				// 409: the previous run of these bytes has not ended or closed yet.
				if (System.nanoTime() > deadline || !ex.getMessage().contains(" 409")) {
					throw ex;
				}
				Thread.sleep(100);
			}
		}
	}

}
