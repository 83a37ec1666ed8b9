package io.scriptorium.worker.indexing;

import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.document.DocumentType;
import io.scriptorium.workflows.testing.TestDatabase;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A fresh database for one test class on the local PostgreSQL, created from {@code template1} (which has the
 * {@code vector} extension), migrated with the worker's Flyway migrations and dropped on close. It inserts
 * documents with their extracted pages, as the upload and parse stages would have left them.
 */
public final class PipelineDatabase implements AutoCloseable {

	private final TestDatabase database;

	private final DataSource dataSource;

	private PipelineDatabase(TestDatabase database) {
		this.database = database;
		this.dataSource = database.dataSource();
	}

	/** A migrated database. */
	public static PipelineDatabase create() {
		return new PipelineDatabase(TestDatabase.create());
	}

	/** A database without the schema (only the extensions of {@code template1}). */
	public static PipelineDatabase createEmpty() {
		return new PipelineDatabase(TestDatabase.createEmpty());
	}

	public String url() {
		return this.database.url();
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
	public void close() {
		this.database.close();
	}


}
