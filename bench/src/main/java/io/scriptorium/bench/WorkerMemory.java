package io.scriptorium.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Samples the resident set of the worker process from /proc while the benchmark runs; also reads VmHWM, the
 * kernel's own peak since the process started (so it includes whatever ran before the benchmark).
 */
final class WorkerMemory implements AutoCloseable {

	private final Path status;

	private final Thread sampler;

	private volatile long peakRssKb;

	private volatile boolean running = true;

	WorkerMemory(long pid) {
		this.status = Path.of("/proc", Long.toString(pid), "status");
		this.sampler = new Thread(this::sample, "worker-rss-sampler");
		this.sampler.setDaemon(true);
		this.sampler.start();
	}

	static WorkerMemory ofPidFile(Path pidFile) throws IOException {
		return new WorkerMemory(PidFile.read(pidFile));
	}

	long peakSampledRssMb() {
		return this.peakRssKb / 1024;
	}

	long highWaterMarkMb() {
		return field("VmHWM:") / 1024;
	}

	long currentRssMb() {
		return field("VmRSS:") / 1024;
	}

	private void sample() {
		while (this.running) {
			this.peakRssKb = Math.max(this.peakRssKb, field("VmRSS:"));
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private long field(String name) {
		try {
			for (String line : Files.readAllLines(this.status)) {
				if (line.startsWith(name)) {
					return Long.parseLong(line.substring(name.length()).replace("kB", "").strip());
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// The process is gone or the line is missing: no sample.
		}
		return 0;
	}

	@Override
	public void close() {
		this.running = false;
		this.sampler.interrupt();
	}

}
