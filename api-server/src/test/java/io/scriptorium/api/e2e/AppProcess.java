package io.scriptorium.api.e2e;

import io.scriptorium.workflows.testing.TemporalTestNamespace;
import io.scriptorium.workflows.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One of the apps' jars running as a separate process on a free port, its output in a log file. */
final class AppProcess implements AutoCloseable {

	static final Path WORKER_JAR = Path.of("..", "worker", "target", "worker-0.1.0-SNAPSHOT.jar");

	static final Path API_JAR = Path.of("target", "api-server-0.1.0-SNAPSHOT.jar");

	static final Path LOGS = Path.of("target", "e2e-logs");

	/** The benchmark's memory goal: the whole corpus (War and Peace, a 400-page PDF) within a 768 MB heap. */
	static final List<String> WORKER_JVM = List.of("-Xmx768m", "-XX:+ExitOnOutOfMemoryError");

	private final String name;

	private final Process process;

	private final int port;

	private final Path log;

	private AppProcess(String name, Process process, int port, Path log) {
		this.name = name;
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/** The arguments that put an app on this test's database and Temporal namespace, then {@code more}. */
	static List<String> platformArgs(TestDatabase database, TemporalTestNamespace temporal, String... more) {
		List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + database.url(),
				"--spring.temporal.namespace=" + temporal.name(),
				"--spring.temporal.connection.target=" + TemporalTestNamespace.TARGET));
		args.addAll(List.of(more));
		return args;
	}

	/** The worker, with {@link #WORKER_JVM}; it runs the schema migration, and its readiness waits for it. */
	static AppProcess worker(Path logDir, List<String> args) {
		return start("worker", WORKER_JAR, logDir, WORKER_JVM, args);
	}

	static AppProcess apiServer(String name, Path logDir, List<String> args) {
		return start(name, API_JAR, logDir, List.of(), args);
	}

	/** @param jvmOptions options of the JVM (heap size, ...), before {@code -jar} */
	static AppProcess start(String name, Path jar, Path logDir, List<String> jvmOptions, List<String> args) {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar.toAbsolutePath().normalize() + " is missing: build it first "
					+ "(./mvnw -B -o package -DskipTests from the root)");
		}
		int port = freePort();
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(jar.toAbsolutePath().normalize().toString());
		command.add("--server.port=" + port);
		command.addAll(args);
		try {
			Files.createDirectories(logDir);
			Path log = logDir.resolve(name + ".log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			return new AppProcess(name, process, port, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int port() {
		return this.port;
	}

	ProcessHandle handle() {
		return this.process.toHandle();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	Path log() {
		return this.log;
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/** Waits until {@code /actuator/health/readiness} answers 200, failing early if the process died. */
	void awaitReady(Duration timeout) throws InterruptedException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(5))
			.build();
		Instant deadline = Instant.now().plus(timeout);
		String last = "no answer";
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited with " + this.process.exitValue() + "; see "
						+ this.log);
			}
			try {
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return;
				}
				last = response.statusCode() + " " + response.body();
			}
			catch (IOException ex) {
				last = ex.toString();
			}
			Thread.sleep(1000);
		}
		throw new IllegalStateException(this.name + " not ready within " + timeout + " (" + last + "); see " + this.log);
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
