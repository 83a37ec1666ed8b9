package io.scriptorium.worker.blobs;

import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.document.DocumentType;
import io.scriptorium.workflows.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * A database of its own for one test class on the local PostgreSQL, created from {@code template1} (which has the
 * {@code vector} extension), migrated with the worker's Flyway migrations and dropped on close. It inserts the
 * document rows and ORIGINAL blobs the upload would have written.
 */
public final class ScratchDatabase implements AutoCloseable {

	private final TestDatabase database;

	private final DataSource dataSource;

	private final DocumentBlobs blobs;

	private ScratchDatabase(TestDatabase database) {
		this.database = database;
		this.dataSource = database.dataSource();
		this.blobs = new DocumentBlobs(jdbcClient(), new DataSourceTransactionManager(this.dataSource));
	}

	public static ScratchDatabase create() {
		return new ScratchDatabase(TestDatabase.create());
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
	public void close() {
		this.database.close();
	}


}
