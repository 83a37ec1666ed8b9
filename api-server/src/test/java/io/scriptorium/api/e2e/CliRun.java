package io.scriptorium.api.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of the CLI's jar as a user runs it, against an api-server: its exit code and what it printed (kept in
 * {@code <name>.out} and {@code <name>.err} beside the apps' logs).
 */
record CliRun(int exitCode, String stdout, String stderr) {

	static final Path JAR = Path.of("..", "cli", "target", "scriptorium-cli.jar");

	static CliRun of(String apiUrl, Path logDir, String name, Duration timeout, String... args)
			throws IOException, InterruptedException {
		if (!Files.isRegularFile(JAR)) {
			throw new IllegalStateException(JAR.toAbsolutePath().normalize() + " is missing: build it first "
					+ "(./mvnw -B -o package -DskipTests from the root)");
		}
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
			.toString(), "-Xmx256m", "-jar", JAR.toAbsolutePath().normalize().toString()));
		command.addAll(List.of(args));
		Files.createDirectories(logDir);
		Path out = logDir.resolve(name + ".out");
		Path err = logDir.resolve(name + ".err");
		ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
		builder.environment().put("SCRIPTORIUM_URL", apiUrl);
		// The test's api-server has no token; one from the environment running the tests is not its.
		builder.environment().remove("SCRIPTORIUM_API_TOKEN");
		Process process = builder.start();
		if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			throw new IllegalStateException("scriptorium " + String.join(" ", args) + " did not end within " + timeout
					+ "; see " + out + " and " + err);
		}
		return new CliRun(process.exitValue(), Files.readString(out), Files.readString(err));
	}

}
