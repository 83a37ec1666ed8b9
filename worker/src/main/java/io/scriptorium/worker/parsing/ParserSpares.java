package io.scriptorium.worker.parsing;

import io.scriptorium.worker.sandbox.ChildJvm;
import io.scriptorium.worker.sandbox.Processes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;

/**
 * A PDF parser process started before it is needed: it boots its JVM and {@linkplain PdfParserMain warms up}, then
 * waits on its standard input for the arguments of one document. Starting a JVM and loading PDFBox costs more than
 * parsing a short PDF, so each document takes the spare and a new one is started for the next. Every process still
 * parses one document and ends, so what a hostile PDF does to it ends with it too.
 */
final class ParserSpares implements AutoCloseable {

	/** The argument of a spare, which reads its real arguments from standard input. */
	static final String WAIT_FOR_DOCUMENT = "--wait-for-document";

	/** Between two arguments on the spare's standard input: no file name or number holds it. */
	private static final char SEPARATOR = '\0';

	private static final Logger logger = LoggerFactory.getLogger(ParserSpares.class);

	/** A waiting process, and the file its standard error goes to. */
	record Spare(Process process, Path stderr) {
	}

	private final DataSize heap;

	private Spare next;

	private boolean closed;

	ParserSpares(DataSize heap) {
		this.heap = heap;
	}

	/**
	 * A started parser process given {@code args}, or null if none could be handed them (no spare could be
	 * started, or it died waiting): the caller starts one the usual way then. Starts the next spare either way.
	 */
	synchronized Spare take(List<String> args) {
		if (this.closed) {
			return null;
		}
		Spare taken = this.next;
		this.next = start();
		if (taken == null) {
			return null;
		}
		try (OutputStream in = taken.process().getOutputStream()) {
			in.write((String.join(String.valueOf(SEPARATOR), args) + "\n").getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			logger.debug("A spare PDF parser could not take its document: {}", ex.toString());
			discard(taken);
			return null;
		}
		return taken;
	}

	/** Starts the first spare, so that the worker's first document does not wait for a JVM either. */
	synchronized void prepare() {
		if (this.next == null && !this.closed) {
			this.next = start();
		}
	}

	private Spare start() {
		Path stderr = null;
		try {
			stderr = Files.createTempFile("scriptorium-parser-", ".log");
			Process process = ChildJvm.builder(PdfParserMain.class, this.heap, List.of(WAIT_FOR_DOCUMENT))
				.redirectInput(ProcessBuilder.Redirect.PIPE)
				.redirectError(stderr.toFile())
				.start();
			return new Spare(process, stderr);
		}
		catch (IOException ex) {
			logger.warn("No spare PDF parser could be started (documents start their own): {}", ex.toString());
			deleteQuietly(stderr);
			return null;
		}
	}

	/** The arguments a spare was given; null when its input ended first (the worker closed it, or died). */
	static String[] readArgs(InputStream in) throws IOException {
		String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
		return (line == null) ? null : line.split(String.valueOf(SEPARATOR), -1);
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.next != null) {
			discard(this.next);
			this.next = null;
		}
	}

	private static void discard(Spare spare) {
		Processes.kill(spare.process());
		deleteQuietly(spare.stderr());
	}

	private static void deleteQuietly(Path file) {
		try {
			if (file != null) {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			logger.debug("Could not delete {}: {}", file, ex.toString());
		}
	}

}
