package io.scriptorium.worker.indexing;

import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.failure.ErrorCode;
import io.scriptorium.workflows.failure.Failures;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes a document's chunks searchable, all at once and only when every one has its vector, so that search never
 * shows half a document. Run by the indexing activity, and by the embedding activity of a document embedded in one
 * batch.
 */
@Component
public class ChunkPublisher {

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	ChunkPublisher(JdbcClient jdbc, TransactionTemplate transaction) {
		this.jdbc = jdbc;
		this.transaction = transaction;
	}

	/** @return the number of chunks now searchable; fails (retryable, INTERNAL_ERROR) if any chunk lacks a vector */
	public int publish(DocumentRef document) {
		return this.transaction.execute(status -> publishAll(document));
	}

	private int publishAll(DocumentRef document) {
		UUID id = document.documentId();
		int missing = this.jdbc.sql("SELECT count(*) FROM chunks WHERE document_id = ? AND embedding IS NULL")
			.param(id)
			.query(Integer.class)
			.single();
		if (missing > 0) {
			// Retryable: an embedding batch may still be on its way (or be retried by the workflow).
			throw Failures.retryable(ErrorCode.INTERNAL_ERROR, document,
					missing + " chunks have no vector yet; they cannot be published", null);
		}
		return this.jdbc.sql("UPDATE chunks SET searchable = true WHERE document_id = ?").param(id).update();
	}

}
