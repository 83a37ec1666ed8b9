package io.scriptorium.worker.parsing;

import io.scriptorium.worker.sandbox.ChildJvm;
import io.scriptorium.worker.sandbox.Processes;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;

/**
 * PDF parser processes that outlive one document. Starting a JVM, loading PDFBox and compiling its hot code cost
 * more than parsing most PDFs, so a process that parsed a document to its last frame waits for the next one (the
 * first is started with the worker). What a hostile PDF does still ends with its process: one that runs out
 * of heap or time, or whose document did not end cleanly, is killed, never reused. A process serves at most
 * {@link #DOCUMENTS_PER_PROCESS} documents and leaves by itself when a document left its heap fuller than a quarter
 * ({@link PdfParserMain}), so that one document's leftovers cannot make the next one fail.
 */
final class ParserPool implements AutoCloseable {

	/** The argument of a pooled process, which reads each document's arguments from standard input. */
	static final String SERVE = "--serve";

	/** After so many documents a process is ended, whatever its state. */
	static final int DOCUMENTS_PER_PROCESS = 100;

	/** Between two arguments on a process's standard input: no file name or number holds it. */
	private static final char SEPARATOR = '\0';

	private static final Logger logger = LoggerFactory.getLogger(ParserPool.class);

	/** A parser process: its frames, the file its standard error goes to, and the documents it was given. */
	static final class Parser {

		private final Process process;

		private final DataInputStream frames;

		private final Path stderr;

		private int documents;

		private Parser(Process process, Path stderr) {
			this.process = process;
			this.frames = new DataInputStream(new BufferedInputStream(process.getInputStream()));
			this.stderr = stderr;
		}

		Process process() {
			return this.process;
		}

		DataInputStream frames() {
			return this.frames;
		}

		Path stderr() {
			return this.stderr;
		}

		/** Ends the process and deletes its standard error. */
		void discard() {
			Processes.kill(this.process);
			try {
				Files.deleteIfExists(this.stderr);
			}
			catch (IOException ex) {
				logger.debug("Could not delete {}: {}", this.stderr, ex.toString());
			}
		}

	}

	private final DataSize heap;

	private final int maxIdle;

	private final Deque<Parser> idle = new ArrayDeque<>();

	private boolean closed;

	/** Processes of {@code heap}, at most {@code maxIdle} of them kept waiting. */
	ParserPool(DataSize heap, int maxIdle) {
		this.heap = heap;
		this.maxIdle = Math.max(1, maxIdle);
	}

	/** Starts the first process, so that the worker's first document does not wait for a JVM either. */
	synchronized void prepare() throws IOException {
		if (this.idle.isEmpty() && !this.closed) {
			this.idle.add(start());
		}
	}

	/**
	 * A process given {@code args}: an idle one if one is alive, one started now if not. None is started ahead here:
	 * the process comes back when its document ends, so that one document after another always finds one.
	 */
	synchronized Parser take(List<String> args) throws IOException {
		if (this.closed) {
			throw new IOException("the worker is shutting down");
		}
		Parser parser = this.idle.pollFirst();
		while (parser != null && !parser.process.isAlive()) {
			parser.discard();
			parser = this.idle.pollFirst();
		}
		if (parser == null) {
			parser = start();
		}
		try {
			OutputStream in = parser.process.getOutputStream();
			in.write((String.join(String.valueOf(SEPARATOR), args) + "\n").getBytes(StandardCharsets.UTF_8));
			in.flush();
		}
		catch (IOException ex) {
			parser.discard();
			throw ex;
		}
		parser.documents++;
		return parser;
	}

	/** A process whose document ended with its last frame: kept for the next one if it may serve more. */
	void giveBack(Parser parser) {
		if (!keep(parser)) {
			// Outside the lock: killing waits for the process, and other documents need not.
			parser.discard();
		}
	}

	private synchronized boolean keep(Parser parser) {
		if (this.closed || !parser.process.isAlive() || parser.documents >= DOCUMENTS_PER_PROCESS
				|| this.idle.size() >= this.maxIdle) {
			return false;
		}
		// The most recently used first: its code is the most compiled.
		this.idle.addFirst(parser);
		return true;
	}

	private Parser start() throws IOException {
		Path stderr = Files.createTempFile("scriptorium-parser-", ".log");
		try {
			Process process = ChildJvm.builder(PdfParserMain.class, this.heap, List.of(SERVE))
				.redirectInput(ProcessBuilder.Redirect.PIPE)
				.redirectError(stderr.toFile())
				.start();
			return new Parser(process, stderr);
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(stderr);
			throw ex;
		}
	}

	/** Reads one document's arguments after another from a pooled process's standard input. */
	static final class Requests {

		private final BufferedReader in;

		Requests(InputStream in) {
			this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
		}

		/** The next document's arguments; null when the input ended (the worker closed the pool, or died). */
		String[] next() throws IOException {
			String line = this.in.readLine();
			return (line == null) ? null : line.split(String.valueOf(SEPARATOR), -1);
		}

		/** Whether arguments are already waiting (the process was taken before it could warm up). */
		boolean waiting() throws IOException {
			return this.in.ready();
		}

	}

	@Override
	public synchronized void close() {
		this.closed = true;
		this.idle.forEach(Parser::discard);
		this.idle.clear();
	}

}
