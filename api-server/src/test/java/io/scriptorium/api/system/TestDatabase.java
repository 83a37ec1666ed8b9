package io.scriptorium.api.system;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh database on the local PostgreSQL per test class ({@code scriptorium_it_<random>}, from template1 which
 * has the vector extension), with the worker's migrations applied as production applies them. Dropped at the end.
 */
public final class TestDatabase {

	/** {@code -Dscriptorium.postgres.host-port=host:port}; default the local stack's server. */
	public static final String HOST_PORT = System.getProperty("scriptorium.postgres.host-port", "127.0.0.1:5432");

	public static final String USER = "scriptorium";

	public static final String PASSWORD = "scriptorium";

	/** The worker owns the migrations; the api-server's tests read them from its sources. */
	public static final Path MIGRATIONS = Path.of("..", "worker", "src", "main", "resources", "db", "migration");

	private final String name;

	private TestDatabase(String name) {
		this.name = name;
	}

	public static TestDatabase create() {
		TestDatabase database = createEmpty();
		Flyway.configure()
			.dataSource(database.url(), USER, PASSWORD)
			.locations("filesystem:" + MIGRATIONS.toAbsolutePath().normalize())
			.load()
			.migrate();
		return database;
	}

	/** Without the schema, for tests in which the migration workflow creates it as in production. */
	public static TestDatabase createEmpty() {
		String name = "scriptorium_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		admin("CREATE DATABASE " + name);
		return new TestDatabase(name);
	}

	public String name() {
		return this.name;
	}

	public String url() {
		return "jdbc:postgresql://" + HOST_PORT + "/" + this.name;
	}

	public Connection connect() throws SQLException {
		return DriverManager.getConnection(url(), USER, PASSWORD);
	}

	public void register(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", this::url);
		registry.add("spring.datasource.username", () -> USER);
		registry.add("spring.datasource.password", () -> PASSWORD);
	}

	/** FORCE: the application context under test may still hold pooled connections. */
	public void drop() {
		admin("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
	}

	private static void admin(String sql) {
		try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + HOST_PORT + "/scriptorium",
				USER, PASSWORD); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run '" + sql + "'", ex);
		}
	}

}
