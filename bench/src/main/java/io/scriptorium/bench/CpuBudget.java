package io.scriptorium.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the CPU of the orchestrated passes goes: core-seconds of each process of the local stack (from
 * {@code /proc}, with the processes' pid files in {@code .stack/run}), the worker's embedding threads apart from the
 * rest of the worker. Everything but the embedding threads is what orchestration, conversion, parsing and storage
 * cost on the cores the model would otherwise have had.
 */
final class CpuBudget {

	/** The linux kernel's USER_HZ, the unit of /proc's CPU times, on every architecture it runs on today. */
	private static final double TICKS_PER_SECOND = 100;

	/** The worker's embedding executor names its threads embedding-N (BundledOnnxModel). */
	private static final String EMBEDDING_THREADS = "embedding";

	private static final String EMBEDDING = "worker: embedding threads";

	private final long workerPid;

	private final Map<String, Long> processes = new LinkedHashMap<>();

	private final Map<String, Double> coreSeconds = new LinkedHashMap<>();

	private final Map<String, Double> workerThreadSeconds = new HashMap<>();

	private double wallSeconds;

	private CpuBudget(long workerPid, Map<String, Long> others) {
		this.workerPid = workerPid;
		this.processes.putAll(others);
	}

	/** Empty when the stack was not started by {@code scripts/stack} on this machine (its pid files are missing). */
	static Optional<CpuBudget> ofRunDirectory(Path run) {
		try {
			Map<String, Long> others = new LinkedHashMap<>();
			others.put("PostgreSQL", PidFile.read(run.resolve("postgres.pid")));
			others.put("Temporal server", PidFile.read(run.resolve("temporal.pid")));
			others.put("api-server", PidFile.read(run.resolve("api-server.pid")));
			return Optional.of(new CpuBudget(PidFile.read(run.resolve("worker.pid")), others));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/** The ticks of every part at one moment. */
	record Snapshot(long nanos, Map<Long, WorkerThread> workerThreads, Map<String, Long> parts) {
	}

	/** One of the worker's threads: its name without the number (so a pool's threads add up), and its ticks. */
	record WorkerThread(String family, long ticks) {
	}

	Snapshot snapshot() {
		Map<Long, ProcessTicks> table = processTable();
		Map<Long, List<Long>> children = new HashMap<>();
		table.forEach((pid, process) -> children.computeIfAbsent(process.parent(), parent -> new ArrayList<>()).add(pid));
		Map<String, Long> parts = new LinkedHashMap<>();
		ProcessTicks workerProcess = table.get(this.workerPid);
		long worker = (workerProcess != null) ? workerProcess.own() : 0;
		parts.put("worker", worker);
		// jodconverter's soffice processes are the worker's children; ended ones count in its cutime/cstime.
		parts.put("LibreOffice (the worker's child processes)", treeTicks(this.workerPid, table, children) - worker);
		this.processes.forEach((name, pid) -> parts.put(name, treeTicks(pid, table, children)));
		return new Snapshot(System.nanoTime(), workerThreads(), parts);
	}

	/** Adds what every part used from {@code start} to {@code end} (called once per pass). */
	void add(Snapshot start, Snapshot end) {
		Map<String, Long> byFamily = new HashMap<>();
		end.workerThreads().forEach((tid, thread) -> {
			WorkerThread before = start.workerThreads().get(tid);
			byFamily.merge(thread.family(), thread.ticks() - ((before != null) ? before.ticks() : 0), Long::sum);
		});
		byFamily.forEach((family, ticks) -> this.workerThreadSeconds.merge(family, ticks / TICKS_PER_SECOND,
				Double::sum));
		long embedding = byFamily.getOrDefault(EMBEDDING_THREADS, 0L);
		add(EMBEDDING, embedding);
		add("worker: other threads", delta(start, end, "worker") - embedding);
		end.parts().keySet().stream().filter(part -> !part.equals("worker"))
			.forEach(part -> add(part, delta(start, end, part)));
		this.wallSeconds += (end.nanos() - start.nanos()) / 1e9;
	}

	/** Core-seconds by part, their total, and the share of the cores' time they used. */
	Map<String, Object> results() {
		Map<String, Object> out = new LinkedHashMap<>();
		Map<String, Object> parts = new LinkedHashMap<>();
		this.coreSeconds.forEach((part, seconds) -> parts.put(part, Stats.round(seconds, 1)));
		out.put("coreSecondsByPart", parts);
		// Threads that ended within a pass are missing here (the process totals above still hold their time).
		Map<String, Object> threads = new LinkedHashMap<>();
		this.workerThreadSeconds.entrySet().stream().filter(family -> family.getValue() >= 0.5)
			.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
			.forEach(family -> threads.put(family.getKey(), Stats.round(family.getValue(), 1)));
		out.put("workerCoreSecondsByThreadName", threads);
		out.put("coreSecondsTotal", Stats.round(total(), 1));
		out.put("wallSeconds", Stats.round(this.wallSeconds, 1));
		out.put("coresUsedShare", Stats.round(total() / coreTime(), 3));
		return out;
	}

	/** The cores' time over the passes: wall seconds times cores. */
	double coreTime() {
		return this.wallSeconds * cores();
	}

	double total() {
		return this.coreSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
	}

	double embedding() {
		return this.coreSeconds.getOrDefault(EMBEDDING, 0.0);
	}

	static int cores() {
		return Runtime.getRuntime().availableProcessors();
	}

	private void add(String part, long ticks) {
		this.coreSeconds.merge(part, ticks / TICKS_PER_SECOND, Double::sum);
	}

	private static long delta(Snapshot start, Snapshot end, String part) {
		return end.parts().get(part) - start.parts().get(part);
	}

	private Map<Long, WorkerThread> workerThreads() {
		Map<Long, WorkerThread> threads = new HashMap<>();
		try (var tasks = Files.list(Path.of("/proc", Long.toString(this.workerPid), "task"))) {
			for (Path task : tasks.toList()) {
				try {
					String family = Files.readString(task.resolve("comm")).strip().replaceAll("[-_ #:]*\\d+$", "");
					threads.put(Long.parseLong(task.getFileName().toString()),
							new WorkerThread(family, ownTicks(fields(task.resolve("stat")))));
				}
				catch (IOException | RuntimeException ex) {
					// The thread ended between the listing and the read.
				}
			}
		}
		catch (IOException ex) {
			// The worker is gone: nothing to count.
		}
		return threads;
	}

	/** A live process's parent, its own ticks, and those of its ended (reaped) children. */
	private record ProcessTicks(long parent, long own, long endedChildren) {
	}

	private static Map<Long, ProcessTicks> processTable() {
		Map<Long, ProcessTicks> table = new HashMap<>();
		try (var entries = Files.list(Path.of("/proc"))) {
			for (Path entry : entries.toList()) {
				String name = entry.getFileName().toString();
				if (name.chars().allMatch(Character::isDigit)) {
					try {
						String[] fields = fields(entry.resolve("stat"));
						table.put(Long.parseLong(name), new ProcessTicks(Long.parseLong(fields[1]), ownTicks(fields),
								Long.parseLong(fields[13]) + Long.parseLong(fields[14])));
					}
					catch (IOException | RuntimeException ex) {
						// The process ended between the listing and the read.
					}
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot list /proc", ex);
		}
		return table;
	}

	/** A process's own ticks, those of its ended children, and those of its live descendants. */
	private static long treeTicks(long pid, Map<Long, ProcessTicks> table, Map<Long, List<Long>> children) {
		ProcessTicks process = table.get(pid);
		if (process == null) {
			return 0;
		}
		long ticks = process.own() + process.endedChildren();
		for (long child : children.getOrDefault(pid, List.of())) {
			ticks += treeTicks(child, table, children);
		}
		return ticks;
	}

	/** The fields of a stat line after the command name (which may hold spaces): state is [0], ppid [1]. */
	private static String[] fields(Path stat) throws IOException {
		String line = Files.readString(stat);
		return line.substring(line.lastIndexOf(')') + 2).split(" ");
	}

	/** utime + stime. */
	private static long ownTicks(String[] fields) {
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

}
