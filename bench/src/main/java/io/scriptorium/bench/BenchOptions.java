package io.scriptorium.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * What one run does; {@code --quick} shrinks every loop so that a run takes minutes, not tens of minutes, and
 * {@code --model-out-of-the-way} measures only the platform's ceiling ({@link PlatformCeiling}). Where the stack
 * runs comes from its own variables ({@code API_PORT}, {@code PG_PORT}, {@code TEMPORAL_PORT}, {@code STACK_DIR},
 * as {@code scripts/stack} reads them) unless the {@code SCRIPTORIUM_*} ones below say otherwise.
 */
record BenchOptions(boolean quick, boolean modelOutOfTheWayOnly, Path corpus, Path results, String api,
		String jdbcUrl, String dbUser, String dbPassword, String temporalTarget, Path workerPidFile, int passes,
		int latencyUploads, int searchQueries, int recallQueries, int searchRows, Duration passTimeout,
		Duration stepTimeout) {

	static BenchOptions parse(String[] args) {
		boolean quick = false;
		boolean modelOutOfTheWayOnly = false;
		Path corpus = Path.of("../shared/corpus");
		Path results = Path.of("bench/results");
		Path pidFile = Path.of(env("STACK_DIR", ".stack"), "run", "worker.pid");
		Integer passes = null;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--quick" -> quick = true;
				case "--model-out-of-the-way" -> modelOutOfTheWayOnly = true;
				case "--corpus" -> corpus = Path.of(args[++i]);
				case "--results" -> results = Path.of(args[++i]);
				case "--worker-pid-file" -> pidFile = Path.of(args[++i]);
				case "--passes" -> passes = Integer.parseInt(args[++i]);
				default -> throw new IllegalArgumentException("unknown option " + args[i]
						+ " (known: --quick --model-out-of-the-way --corpus DIR --results DIR --worker-pid-file FILE"
						+ " --passes N)");
			}
		}
		String api = env("SCRIPTORIUM_API", "http://127.0.0.1:" + env("API_PORT", "8080"));
		String jdbc = env("SCRIPTORIUM_JDBC_URL",
				"jdbc:postgresql://127.0.0.1:" + env("PG_PORT", "5432") + "/scriptorium");
		String temporal = env("SCRIPTORIUM_TEMPORAL_TARGET", "127.0.0.1:" + env("TEMPORAL_PORT", "7233"));
		return quick
				? new BenchOptions(true, modelOutOfTheWayOnly, corpus, results, api, jdbc, "scriptorium", "scriptorium",
						temporal, pidFile, (passes != null) ? passes : 1, 5, 50, 50, 10_000, Duration.ofMinutes(15),
						Duration.ofMinutes(5))
				: new BenchOptions(false, modelOutOfTheWayOnly, corpus, results, api, jdbc, "scriptorium",
						"scriptorium", temporal, pidFile, (passes != null) ? passes : 2, 10, 200, 200, 100_000,
						Duration.ofMinutes(30), Duration.ofMinutes(15));
	}

	/** A connection to the stack's database. */
	Connection connect() throws SQLException {
		return DriverManager.getConnection(jdbcUrl(), dbUser(), dbPassword());
	}

	/** Runs one statement on the stack's database. */
	void execute(String sql) throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
