package io.scriptorium.worker.indexing;

import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.document.DocumentType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A fresh database for one test class on the local PostgreSQL, created from {@code template1} (which has the
 * {@code vector} extension), migrated with the worker's Flyway migrations and dropped on close. It inserts
 * documents with their extracted pages, as the upload and parse stages would have left them.
 */
public final class PipelineDatabase implements AutoCloseable {

	private static final String HOST_URL = System.getProperty("scriptorium.postgres.url",
			"jdbc:postgresql://127.0.0.1:5432/");

	private static final String USER = "scriptorium";

	private static final String PASSWORD = "scriptorium";

	private final String name;

	private final DriverManagerDataSource dataSource;

	private PipelineDatabase(String name) {
		this.name = name;
		this.dataSource = new DriverManagerDataSource(HOST_URL + name, USER, PASSWORD);
	}

	/** A migrated database. */
	public static PipelineDatabase create() throws SQLException {
		PipelineDatabase database = createEmpty();
		Flyway.configure().dataSource(database.dataSource).locations("classpath:db/migration").load().migrate();
		return database;
	}

	/** A database without the schema (only the extensions of {@code template1}). */
	public static PipelineDatabase createEmpty() throws SQLException {
		String name = "scriptorium_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		execute("CREATE DATABASE " + name + " TEMPLATE template1");
		return new PipelineDatabase(name);
	}

	public String url() {
		return HOST_URL + this.name;
	}

	public DataSource dataSource() {
		return this.dataSource;
	}

	public JdbcClient jdbc() {
		return JdbcClient.create(this.dataSource);
	}

	/** A document row in PROCESSING at PARSE, with {@code pages} as its extracted pages 1..n. */
	public DocumentRef insertDocument(DocumentType type, List<String> pages) {
		DocumentRef document = new DocumentRef(UUID.randomUUID(), "test." + type.extension(), type);
		jdbc().sql("""
				INSERT INTO documents (id, filename, content_type, sha256, size_bytes, status, stage, workflow_id)
				VALUES (?, ?, ?, ?, ?, 'PROCESSING', 'PARSE', ?)""")
			.params(document.documentId(), document.filename(), type.name(),
					(UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", ""), 1000,
					"document-" + document.documentId())
			.update();
		for (int i = 0; i < pages.size(); i++) {
			jdbc().sql("INSERT INTO document_pages (document_id, page, text) VALUES (?, ?, ?)")
				.params(document.documentId(), i + 1, pages.get(i))
				.update();
		}
		return document;
	}

	public void deleteDocument(DocumentRef document) {
		jdbc().sql("DELETE FROM documents WHERE id = ?").param(document.documentId()).update();
	}

	@Override
	public void close() throws SQLException {
		execute("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(HOST_URL + "scriptorium", USER, PASSWORD);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
