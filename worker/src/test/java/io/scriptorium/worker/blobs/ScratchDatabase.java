package io.scriptorium.worker.blobs;

import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.document.DocumentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database of its own for one test class on the local PostgreSQL, created from {@code template1} (which has the
 * {@code vector} extension), migrated with the worker's Flyway migrations and dropped on close. It inserts the
 * document rows and ORIGINAL blobs the upload would have written.
 */
public final class ScratchDatabase implements AutoCloseable {

	private static final String HOST_URL = System.getProperty("scriptorium.postgres.url",
			"jdbc:postgresql://127.0.0.1:5432/");

	private static final String USER = "scriptorium";

	private static final String PASSWORD = "scriptorium";

	private final String name;

	private final DriverManagerDataSource dataSource;

	private final DocumentBlobs blobs;

	private ScratchDatabase(String name) {
		this.name = name;
		this.dataSource = new DriverManagerDataSource(HOST_URL + name, USER, PASSWORD);
		this.blobs = new DocumentBlobs(jdbcClient(), new DataSourceTransactionManager(this.dataSource));
	}

	public static ScratchDatabase create() throws SQLException {
		String name = "scriptorium_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		execute("CREATE DATABASE " + name + " TEMPLATE template1");
		ScratchDatabase database = new ScratchDatabase(name);
		Flyway.configure().dataSource(database.dataSource).locations("classpath:db/migration").load().migrate();
		return database;
	}

	public JdbcTemplate jdbcTemplate() {
		return new JdbcTemplate(this.dataSource);
	}

	public JdbcClient jdbcClient() {
		return JdbcClient.create(this.dataSource);
	}

	public DataSourceTransactionManager transactionManager() {
		return new DataSourceTransactionManager(this.dataSource);
	}

	public DocumentBlobs blobs() {
		return this.blobs;
	}

	/** A document row as the upload writes it, with the file as its ORIGINAL blob. */
	public DocumentRef insertDocument(Path file, DocumentType type) throws Exception {
		DocumentRef document = new DocumentRef(UUID.randomUUID(), file.getFileName().toString(), type);
		jdbcClient().sql("""
				INSERT INTO documents (id, filename, content_type, sha256, size_bytes, status, stage, workflow_id)
				VALUES (?, ?, ?, ?, ?, 'PROCESSING', 'UPLOAD', ?)
				""")
			// Unique per row: a test may upload the same file twice.
			.params(document.documentId(), document.filename(), type.name(),
					(UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", ""), Files.size(file),
					"document-" + document.documentId())
			.update();
		this.blobs.store(document, BlobKind.ORIGINAL, file);
		return document;
	}

	public void deleteDocument(DocumentRef document) {
		jdbcClient().sql("DELETE FROM documents WHERE id = ?").param(document.documentId()).update();
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
