package io.scriptorium.cli;

import io.scriptorium.client.ApiException;
import io.scriptorium.client.Document;
import io.scriptorium.client.UploadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ingest",
		description = "Uploads files, and the files of folders (walked recursively), several at a time; with --wait, "
				+ "follows each document until it ends and exits 1 if any did not end READY.")
final class IngestCommand extends ClientCommand {

	/** How far a document is, by stage, on its bar of 100; embedding moves between EMBED and INDEX chunk by chunk. */
	private static final Map<String, Integer> STAGE_PERCENT = Map.of("UPLOAD", 5, "CONVERT", 15, "PARSE", 30, "OCR",
			45, "CHUNK", 55, "EMBED", 60, "INDEX", 95, "DONE", 100);

	private static final Duration POLL = Duration.ofMillis(500);

	private static final List<String> SUMMARY_ORDER = List.of("READY", "FAILED", "CANCELLED", "REJECTED");

	@Parameters(arity = "1..*", paramLabel = "PATH", description = "Files and folders.")
	List<Path> paths;

	@Option(names = "--collection", description = "The collection the documents belong to (search filters on it).")
	String collection;

	@Option(names = "--metadata", paramLabel = "KEY=VALUE", description = "Metadata of every document (repeatable).")
	Map<String, String> metadata = new LinkedHashMap<>();

	@Option(names = "--wait", description = "Follow each document until it is READY, FAILED or CANCELLED.")
	boolean waitForEnd;

	@Option(names = "--parallel", defaultValue = "4",
			description = "Files uploaded and followed at once (${DEFAULT-VALUE}).")
	int parallel;

	@Option(names = "--timeout", defaultValue = "PT30M",
			description = "How long --wait follows one document (ISO-8601, ${DEFAULT-VALUE}).")
	Duration timeout;

	/** What became of one file. */
	record Outcome(Path file, Document document, String rejection) {

		boolean ready() {
			return this.document != null && "READY".equals(this.document.status());
		}

		String status() {
			return (this.document != null) ? this.document.status() : "REJECTED";
		}

		String code() {
			return (this.document != null) ? this.document.errorCode() : this.rejection;
		}

	}

	@Override
	public Integer call() throws Exception {
		List<Path> files = files(this.paths);
		List<Outcome> outcomes = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, this.parallel));
		try (ProgressBar overall = bar("all files", files.size())) {
			List<Future<Outcome>> running = new ArrayList<>();
			for (Path file : files) {
				running.add(pool.submit(() -> {
					Outcome outcome = ingest(file);
					if (overall != null) {
						overall.step();
					}
					return outcome;
				}));
			}
			for (Future<Outcome> future : running) {
				outcomes.add(future.get());
			}
		}
		finally {
			pool.shutdownNow();
		}
		report(outcomes);
		return outcomes.stream().anyMatch(this::failed) ? 1 : 0;
	}

	/** Rejected, or (with --wait) not READY in the end, or (without) already FAILED: the exit code's 1. */
	private boolean failed(Outcome outcome) {
		return outcome.document() == null
				|| (this.waitForEnd ? !outcome.ready() : "FAILED".equals(outcome.status()));
	}

	private Outcome ingest(Path file) throws InterruptedException {
		try (ProgressBar bar = bar(file.getFileName().toString(), 100)) {
			Document document;
			try {
				document = client().upload(file, UploadOptions.NONE.withCollection(this.collection)
					.withMetadata(this.metadata)).document();
			}
			catch (ApiException ex) {
				String code = (ex.code() != null) ? ex.code() : "HTTP_" + ex.status();
				show(bar, 100, "REJECTED " + code);
				if (bar == null && !this.json) {
					System.out.println("REJECTED " + code + " " + file);
				}
				return new Outcome(file, null, code);
			}
			catch (IOException ex) {
				show(bar, 100, "upload failed");
				return new Outcome(file, null, "UPLOAD_FAILED: " + ex.getMessage());
			}
			long deadline = System.nanoTime() + this.timeout.toNanos();
			if (this.waitForEnd && document.terminal()) {
				// Bytes seen before: the upload answered with the document as it is, without its counts.
				try {
					document = client().document(document.id(), false);
				}
				catch (IOException ex) {
					// The upload's answer says how it ended; only the counts are missing.
				}
			}
			while (this.waitForEnd && !document.terminal() && System.nanoTime() < deadline) {
				show(bar, percent(document), document.stage());
				Thread.sleep(POLL.toMillis());
				try {
					// The run's counts only move a bar; each query of them costs the server and a worker a task.
					document = client().document(document.id(), bar != null);
				}
				catch (IOException ex) {
					// A lost answer is asked again at the next poll; the document goes on either way.
					show(bar, percent(document), "retrying: " + ex.getMessage());
				}
			}
			String status = document.status() + ((document.errorCode() != null) ? " " + document.errorCode() : "");
			show(bar, document.terminal() ? 100 : percent(document), status);
			if (bar == null && !this.json) {
				System.out.println(status + " " + file);
			}
			return new Outcome(file, document, null);
		}
	}

	private static int percent(Document document) {
		int base = STAGE_PERCENT.getOrDefault(document.stage(), 0);
		var progress = document.json().path("progress");
		int chunks = progress.path("chunks").asInt(0);
		if ("EMBED".equals(document.stage()) && chunks > 0) {
			return base + (STAGE_PERCENT.get("INDEX") - base) * progress.path("chunksEmbedded").asInt(0) / chunks;
		}
		return base;
	}

	private void report(List<Outcome> outcomes) throws IOException {
		if (this.json) {
			List<Map<String, Object>> rows = new ArrayList<>();
			for (Outcome o : outcomes) {
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("file", o.file().toString());
				row.put("id", (o.document() != null) ? o.document().id().toString() : null);
				row.put("status", o.status());
				row.put("code", o.code());
				row.put("pages", (o.document() != null) ? o.document().pages() : null);
				row.put("chunks", (o.document() != null) ? o.document().chunks() : null);
				rows.add(row);
			}
			System.out.println(JSON.writeValueAsString(rows));
			return;
		}
		Table table = new Table("FILE", "STATUS", "CODE", "PAGES", "CHUNKS", "ID");
		for (Outcome o : outcomes) {
			Document d = o.document();
			table.row(o.file().getFileName(), o.status(), o.code(), (d != null) ? d.pages() : "",
					(d != null) ? d.chunks() : "", (d != null) ? d.id() : "");
		}
		table.print(System.out);
		System.out.println(summary(outcomes));
		outcomes.stream().filter(this::failed)
			.forEach(o -> System.err.println(o.status() + " " + o.file()
					+ ((o.code() != null) ? ": " + o.code() : "")
					+ ((o.document() != null && o.document().errorMessage() != null)
							? " (" + o.document().errorMessage() + ")" : "")));
	}

	/** E.g. {@code 40 files: 29 READY, 5 FAILED, 6 REJECTED}: the ends first, in that order, then any still going. */
	static String summary(List<Outcome> outcomes) {
		Map<String, Long> counts = new TreeMap<>(Comparator.comparingInt(IngestCommand::order)
			.thenComparing(Comparator.naturalOrder()));
		outcomes.forEach(o -> counts.merge(o.status(), 1L, Long::sum));
		return outcomes.size() + " files: " + counts.entrySet().stream()
			.map(count -> count.getValue() + " " + count.getKey())
			.collect(Collectors.joining(", "));
	}

	private static int order(String status) {
		int index = SUMMARY_ORDER.indexOf(status);
		return (index >= 0) ? index : SUMMARY_ORDER.size();
	}

	/**
	 * A bar on the terminal; none for --json (whose output a script reads) or without a terminal (a log gets a line
	 * per file as it ends instead of bars redrawn in place).
	 */
	private ProgressBar bar(String name, int max) {
		if (this.json || System.console() == null) {
			return null;
		}
		String task = (name.length() > 32) ? name.substring(0, 31) + "…" : name;
		return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
			.setUpdateIntervalMillis(250).hideEta().build();
	}

	private static void show(ProgressBar bar, int percent, String message) {
		if (bar != null) {
			bar.stepTo(percent);
			bar.setExtraMessage(message);
		}
	}

	/** The regular files under each path, in order, hidden files and folders left out. */
	static List<Path> files(List<Path> paths) throws IOException {
		List<Path> files = new ArrayList<>();
		for (Path path : paths) {
			if (!Files.exists(path)) {
				throw new IOException(path + " does not exist");
			}
			try (Stream<Path> walk = Files.walk(path)) {
				walk.filter(Files::isRegularFile)
					.filter(file -> path.relativize(file).toString().isEmpty()
							|| Stream.of(path.relativize(file).toString().split("/")).noneMatch(p -> p.startsWith(".")))
					.sorted()
					.forEach(files::add);
			}
		}
		return files;
	}

}
