package io.scriptorium.api.migration;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An empty database on the local PostgreSQL, created from {@code template1} (which has the {@code vector}
 * extension) and dropped on close, so a test sees exactly the migrations it applies.
 */
final class FreshDatabase implements AutoCloseable {

	static final String HOST_URL = System.getProperty("scriptorium.postgres.url", "jdbc:postgresql://127.0.0.1:5432/");

	static final String USER = "scriptorium";

	static final String PASSWORD = "scriptorium";

	private final String name;

	private FreshDatabase(String name) {
		this.name = name;
	}

	static FreshDatabase create() throws SQLException {
		String name = "scriptorium_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection connection = DriverManager.getConnection(HOST_URL + "scriptorium", USER, PASSWORD);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name + " TEMPLATE template1");
		}
		return new FreshDatabase(name);
	}

	String url() {
		return HOST_URL + this.name;
	}

	DriverManagerDataSource dataSource() {
		return new DriverManagerDataSource(url(), USER, PASSWORD);
	}

	@Override
	public void close() throws SQLException {
		try (Connection connection = DriverManager.getConnection(HOST_URL + "scriptorium", USER, PASSWORD);
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
		}
	}

}
