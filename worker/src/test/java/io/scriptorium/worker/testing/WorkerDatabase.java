package io.scriptorium.worker.testing;

import io.scriptorium.worker.blobs.BlobKind;
import io.scriptorium.worker.blobs.DocumentBlobs;
import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.document.DocumentType;
import io.scriptorium.workflows.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * A database of its own for one test class on the local PostgreSQL ({@link TestDatabase}: from {@code template1},
 * migrated with the worker's Flyway migrations, dropped on close), with the rows earlier stages would have left: the
 * document and ORIGINAL blob of an upload, or a document's extracted pages.
 */
public final class WorkerDatabase implements AutoCloseable {

	private final TestDatabase database;

	private final DataSource dataSource;

	private final DocumentBlobs blobs;

	private WorkerDatabase(TestDatabase database) {
		this.database = database;
		this.dataSource = database.dataSource();
		this.blobs = new DocumentBlobs(jdbc(), new DataSourceTransactionManager(this.dataSource));
	}

	/** A migrated database. */
	public static WorkerDatabase create() {
		return new WorkerDatabase(TestDatabase.create());
	}

	/** A database without the schema (only the extensions of {@code template1}). */
	public static WorkerDatabase createEmpty() {
		return new WorkerDatabase(TestDatabase.createEmpty());
	}

	public String url() {
		return this.database.url();
	}

	public DataSource dataSource() {
		return this.dataSource;
	}

	public JdbcTemplate jdbcTemplate() {
		return new JdbcTemplate(this.dataSource);
	}

	public JdbcClient jdbc() {
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
		jdbc().sql("""
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

	/** The document's stored page texts, in page order. */
	public List<String> pageTexts(DocumentRef document) {
		return jdbc().sql("SELECT text FROM document_pages WHERE document_id = ? ORDER BY page")
			.param(document.documentId())
			.query(String.class)
			.list();
	}

	public void deleteDocument(DocumentRef document) {
		jdbc().sql("DELETE FROM documents WHERE id = ?").param(document.documentId()).update();
	}

	@Override
	public void close() {
		this.database.close();
	}


}
