package io.scriptorium.worker.blobs;

import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.failure.ErrorCode;
import io.scriptorium.workflows.failure.Failures;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.support.SqlBinaryValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads and writes {@code document_blobs}. pgjdbc materialises a whole bytea value in memory (twice while it
 * decodes it), so reads fetch the blob in slices of {@link #SLICE_BYTES} inside one repeatable-read transaction,
 * which keeps a 50 MB upload from costing 150 MB of heap and never mixes the slices of two versions of a blob.
 * Writes stream the file to the driver.
 */
@Component
public class DocumentBlobs {

	static final int SLICE_BYTES = 4 * 1024 * 1024;

	private final JdbcClient jdbc;

	private final TransactionTemplate readTransaction;

	public DocumentBlobs(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.readTransaction = new TransactionTemplate(transactionManager);
		this.readTransaction.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		this.readTransaction.setReadOnly(true);
	}

	/**
	 * Copies a blob into {@code target} (created or truncated). Throws DOCUMENT_NOT_FOUND (non-retryable) when the
	 * document is gone, since it was deleted while its workflow ran, or when it has no blob of that kind.
	 * @return the number of bytes written
	 */
	public long copyTo(DocumentRef document, BlobKind kind, Path target) {
		return this.readTransaction.execute((status) -> {
			long size = blobSize(document, kind);
			try (OutputStream out = Files.newOutputStream(target)) {
				for (long offset = 0; offset < size; offset += SLICE_BYTES) {
					out.write(slice(document, kind, offset));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return size;
		});
	}

	/**
	 * Stores the file as the document's blob of that kind, replacing one a previous attempt stored.
	 * @return the number of bytes stored
	 */
	public long store(DocumentRef document, BlobKind kind, Path source) {
		try (InputStream in = Files.newInputStream(source)) {
			long size = Files.size(source);
			this.jdbc.sql("""
					INSERT INTO document_blobs (document_id, kind, content, size_bytes) VALUES (?, ?, ?, ?)
					ON CONFLICT (document_id, kind)
					DO UPDATE SET content = excluded.content, size_bytes = excluded.size_bytes
					""")
				.params(document.documentId(), kind.name(), new SqlBinaryValue(in, size), size)
				.update();
			return size;
		}
		catch (DataIntegrityViolationException ex) {
			throw Failures.nonRetryable(ErrorCode.DOCUMENT_NOT_FOUND, document,
					"the document was deleted while it was being processed");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private long blobSize(DocumentRef document, BlobKind kind) {
		List<Long> sizes = this.jdbc.sql("""
				SELECT octet_length(b.content) FROM documents d
				LEFT JOIN document_blobs b ON b.document_id = d.id AND b.kind = ?
				WHERE d.id = ?
				""").params(kind.name(), document.documentId()).query(Long.class).list();
		if (sizes.isEmpty()) {
			throw Failures.nonRetryable(ErrorCode.DOCUMENT_NOT_FOUND, document,
					"the document was deleted while it was being processed");
		}
		if (sizes.get(0) == null) {
			throw Failures.nonRetryable(ErrorCode.DOCUMENT_NOT_FOUND, document,
					"the document has no " + kind + " content"
							+ ((kind == BlobKind.PDF) ? " (it was not converted)" : ""));
		}
		return sizes.get(0);
	}

	private byte[] slice(DocumentRef document, BlobKind kind, long offset) {
		// substring() on bytea is 1-based and takes integers (a bytea holds at most 1 GB).
		return this.jdbc
			.sql("SELECT substring(content FROM ? FOR ?) FROM document_blobs WHERE document_id = ? AND kind = ?")
			.params(Math.toIntExact(offset + 1), SLICE_BYTES, document.documentId(), kind.name())
			.query(byte[].class)
			.single();
	}

}
