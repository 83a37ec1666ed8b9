package io.scriptorium.worker.indexing;

import io.scriptorium.workflows.TaskQueues;
import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.failure.ErrorCode;
import io.scriptorium.workflows.failure.Failures;
import io.scriptorium.workflows.indexing.IndexingActivities;
import io.temporal.spring.boot.ActivityImpl;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes a document's chunks searchable, all at once and only when every one has its vector, so that search never
 * shows half a document.
 */
@Component
@ActivityImpl(taskQueues = TaskQueues.INGESTION)
class IndexingActivitiesImpl implements IndexingActivities {

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	IndexingActivitiesImpl(JdbcClient jdbc, TransactionTemplate transaction) {
		this.jdbc = jdbc;
		this.transaction = transaction;
	}

	@Override
	public int publishChunks(DocumentRef document) {
		return this.transaction.execute(status -> publish(document));
	}

	private int publish(DocumentRef document) {
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
