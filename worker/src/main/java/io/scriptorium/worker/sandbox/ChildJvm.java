package io.scriptorium.worker.sandbox;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.util.unit.DataSize;

/** Starts a main class of this worker in a JVM of its own, with a heap limit and a scrubbed environment. */
public final class ChildJvm {

	/** The exit status of a JVM started here when its heap ran out (-XX:+ExitOnOutOfMemoryError). */
	public static final int OUT_OF_MEMORY_EXIT = 3;

	private ChildJvm() {
	}

	/**
	 * A process builder for {@code main} with {@code args}: standard input from /dev/null, nothing of the worker's
	 * environment (database and API credentials) but the path and the locale.
	 */
	public static ProcessBuilder builder(Class<?> main, DataSize heap, List<String> args) {
		List<String> command = new ArrayList<>(javaCommand(main, heap));
		command.addAll(args);
		ProcessBuilder builder = new ProcessBuilder(command)
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		Map<String, String> environment = builder.environment();
		Map<String, String> kept = Map.copyOf(environment);
		environment.clear();
		for (String name : List.of("PATH", "LANG", "LC_ALL", "TZ")) {
			if (kept.containsKey(name)) {
				environment.put(name, kept.get(name));
			}
		}
		return builder;
	}

	/**
	 * The JVM of this worker with its class path. A Spring Boot executable jar (or its exploded form) hides the
	 * libraries from the class path, so there the jar's own PropertiesLauncher starts the main class.
	 */
	private static List<String> javaCommand(Class<?> main, DataSize heap) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		// The JVM's own messages (its out-of-memory notice) go to standard error, never into the output; the serial
		// collector: a small heap on a shared host needs no collector threads of its own. C1 only: C2's compiler
		// threads took the cores from embedding, and a parser process serving the 400- and 67-page PDFs four times
		// each needed 25 core-seconds tiered against 17 with C1 alone (16 s wall against 13, on 2 cores).
		List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap.toMegabytes() + "m",
				"-XX:+ExitOnOutOfMemoryError", "-XX:+DisplayVMOutputToStderr", "-XX:+UseSerialGC",
				"-XX:TieredStopAtLevel=1"));
		command.addAll(List.of("-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path")));
		String loader = main.getClassLoader().getClass().getName();
		if (loader.startsWith("org.springframework.boot.loader.")) {
			command.add(command.size() - 2, "-Dloader.main=" + main.getName());
			command.add("org.springframework.boot.loader.launch.PropertiesLauncher");
		}
		else {
			command.add(main.getName());
		}
		return command;
	}

}
