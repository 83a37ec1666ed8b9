package io.scriptorium.worker.parsing;

import io.scriptorium.worker.parsing.ParserFrames.Frame;
import io.scriptorium.worker.sandbox.ChildJvm;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;

/**
 * One document's run on a {@link PdfParserMain} process of the {@link ParserPool}: a JVM with a heap of its own, no
 * environment but the locale, and a watchdog that kills it when it sends no frame for the page timeout or the
 * document's time is up. A PDF that exhausts the heap or spins on a page therefore costs one process, which ends,
 * rather than a worker thread that cannot be stopped.
 */
final class PdfParserProcess implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(PdfParserProcess.class);

	private static final int STDERR_TAIL_BYTES = 2048;

	/** Why the process ended without its last frame. */
	enum Death {

		/** Killed after sending nothing for the page timeout. */
		TIMED_OUT,
		/** Killed because the document's time was up. */
		OUT_OF_TIME,
		/** Its heap ran out. */
		OUT_OF_MEMORY,
		/** Anything else: a JVM that did not start, a broken frame. Not the file's fault as far as we know. */
		CRASHED

	}

	/** The process ended before the frame asked for. */
	static final class Died extends Exception {

		private final Death death;

		Died(Death death, String message) {
			super(message, null, false, false);
			this.death = death;
		}

		Death death() {
			return this.death;
		}

		/** Whether the file made it spend what it may: time or memory. */
		boolean overLimits() {
			return this.death != Death.CRASHED;
		}

	}

	private final ParserPool pool;

	private final ParserPool.Parser parser;

	private final Process process;

	private final DataInputStream frames;

	private final ScheduledFuture<?> watchdog;

	private final Duration pageTimeout;

	private final DataSize heap;

	private final long deadlineNanos;

	private volatile long lastFrameNanos = System.nanoTime();

	private volatile Death killedFor;

	/** Whether the document's last frame (its end, or a refusal) was read: only then may the process serve again. */
	private boolean ended;

	private PdfParserProcess(ParserPool pool, ParserPool.Parser parser, Limits limits,
			ScheduledExecutorService scheduler) {
		this.pool = pool;
		this.parser = parser;
		this.process = parser.process();
		this.frames = parser.frames();
		this.pageTimeout = limits.pageTimeout();
		this.heap = limits.heap();
		this.deadlineNanos = limits.deadlineNanos();
		this.watchdog = scheduler.scheduleWithFixedDelay(this::killIfSilent, 200, 200, TimeUnit.MILLISECONDS);
	}

	/**
	 * What the process may spend: its heap, the time between two frames, and a deadline ({@link System#nanoTime()})
	 * for the whole document.
	 */
	record Limits(DataSize heap, Duration pageTimeout, long deadlineNanos) {
	}

	/** A process of {@code pool} (whose heap is that of {@code limits}) parsing {@code file} from {@code firstPage}. */
	static PdfParserProcess start(Path file, int firstPage, PageBudget budget, Limits limits, ParserPool pool,
			ScheduledExecutorService scheduler) throws IOException {
		List<String> args = new ArrayList<>(List.of(file.toAbsolutePath().toString(), String.valueOf(firstPage)));
		args.addAll(budget.toArgs());
		return new PdfParserProcess(pool, pool.take(args), limits, scheduler);
	}

	/** The next frame; {@link Died} when the process ended (or was killed) first. */
	Frame next() throws Died {
		try {
			Frame frame = ParserFrames.read(this.frames);
			this.lastFrameNanos = System.nanoTime();
			this.ended = frame instanceof ParserFrames.End || frame instanceof ParserFrames.Refused;
			return frame;
		}
		catch (EOFException ex) {
			throw death();
		}
		catch (IOException ex) {
			// A frame cut short by the process's end reads as garbage: its exit status says why.
			logger.debug("PDF parser process sent a broken frame: {}", ex.toString());
			throw death();
		}
	}

	private Died death() {
		Integer exit = exitStatus();
		if (this.killedFor == Death.TIMED_OUT) {
			return new Died(Death.TIMED_OUT, "a page took longer than " + this.pageTimeout.toSeconds() + " s");
		}
		if (this.killedFor == Death.OUT_OF_TIME) {
			return new Died(Death.OUT_OF_TIME, "parsing it took longer than the time a document may take");
		}
		if (exit != null && exit == ChildJvm.OUT_OF_MEMORY_EXIT) {
			return new Died(Death.OUT_OF_MEMORY, "it needs more than " + this.heap.toMegabytes() + " MB of memory");
		}
		logger.warn("PDF parser process exited with status {}; its last output: {}", exit, stderrTail());
		return new Died(Death.CRASHED, "the PDF parser process exited with status " + exit);
	}

	private Integer exitStatus() {
		try {
			return this.process.waitFor(10, TimeUnit.SECONDS) ? this.process.exitValue() : null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private void killIfSilent() {
		long now = System.nanoTime();
		if (now - this.deadlineNanos > 0) {
			kill(Death.OUT_OF_TIME);
		}
		else if (now - this.lastFrameNanos > this.pageTimeout.toNanos()) {
			kill(Death.TIMED_OUT);
		}
	}

	private void kill(Death reason) {
		if (this.process.isAlive()) {
			this.killedFor = reason;
			this.process.destroyForcibly();
		}
	}

	private String stderrTail() {
		try (RandomAccessFile file = new RandomAccessFile(this.parser.stderr().toFile(), "r")) {
			long start = Math.max(0, file.length() - STDERR_TAIL_BYTES);
			byte[] tail = new byte[(int) (file.length() - start)];
			file.seek(start);
			file.readFully(tail);
			return new String(tail, StandardCharsets.UTF_8).strip();
		}
		catch (IOException ex) {
			return "(none)";
		}
	}

	/**
	 * Gives the process back to its pool when its document ended cleanly; kills it otherwise: an attempt that ends
	 * early (cancelled, timed out, a page over its limits) stops its parser.
	 */
	@Override
	public void close() {
		this.watchdog.cancel(false);
		if (this.ended && this.killedFor == null) {
			this.pool.giveBack(this.parser);
		}
		else {
			this.parser.discard();
		}
	}

}
