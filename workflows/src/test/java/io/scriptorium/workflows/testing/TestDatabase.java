package io.scriptorium.workflows.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A database of its own for one test class on the local PostgreSQL ({@code scriptorium_it_<random>}, created from
 * {@code template1}, which has the {@code vector} extension), so that tests never see each other's rows. Dropped on
 * {@link #close()}. {@link #create()} applies the worker's Flyway migrations as production does.
 */
public final class TestDatabase implements AutoCloseable {

	/** {@code -Dscriptorium.postgres.host-port=host:port}; default the local stack's server. */
	public static final String HOST_PORT = System.getProperty("scriptorium.postgres.host-port", "127.0.0.1:5432");

	public static final String USER = "scriptorium";

	public static final String PASSWORD = "scriptorium";

	/** The worker owns the migrations; every module's tests run from a sibling directory of it. */
	public static final Path MIGRATIONS = Path.of("..", "worker", "src", "main", "resources", "db", "migration");

	private final String name;

	private TestDatabase(String name) {
		this.name = name;
	}

	/** A database with the schema the migrations create. */
	public static TestDatabase create() {
		TestDatabase database = createEmpty();
		database.migrate();
		return database;
	}

	/** Without the schema, for tests in which the migration workflow creates it as in production. */
	public static TestDatabase createEmpty() {
		String name = "scriptorium_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		admin("CREATE DATABASE " + name + " TEMPLATE template1");
		return new TestDatabase(name);
	}

	private void migrate() {
		Flyway.configure()
			.dataSource(dataSource())
			.locations("filesystem:" + MIGRATIONS.toAbsolutePath().normalize())
			.load()
			.migrate();
	}

	public String name() {
		return this.name;
	}

	public String url() {
		return "jdbc:postgresql://" + HOST_PORT + "/" + this.name;
	}

	public DataSource dataSource() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(url());
		dataSource.setUser(USER);
		dataSource.setPassword(PASSWORD);
		return dataSource;
	}

	public Connection connect() throws SQLException {
		return DriverManager.getConnection(url(), USER, PASSWORD);
	}

	/** Points a Spring Boot test's datasource at this database. */
	public void register(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", this::url);
		registry.add("spring.datasource.username", () -> USER);
		registry.add("spring.datasource.password", () -> PASSWORD);
	}

	/** FORCE: an application context under test may still hold pooled connections. */
	public void drop() {
		admin("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
	}

	@Override
	public void close() {
		drop();
	}

	private static void admin(String sql) {
		try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + HOST_PORT + "/scriptorium",
				USER, PASSWORD); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			// 08: connection exceptions (refused, no such host): the local stack is not running.
			String hint = (ex.getSQLState() != null && ex.getSQLState().startsWith("08"))
					? ": no PostgreSQL answers at " + HOST_PORT + "; the integration tests need the local stack, start it"
							+ " with `scripts/stack infra`"
					: "";
			throw new IllegalStateException("Could not run '" + sql + "'" + hint, ex);
		}
	}

}
