package io.scriptorium.worker.indexing;

import io.scriptorium.workflows.TaskQueues;
import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.indexing.IndexingActivities;
import io.temporal.spring.boot.ActivityImpl;
import org.springframework.stereotype.Component;

/** Publishing as an activity of its own, after a document's embedding batches. */
@Component
@ActivityImpl(taskQueues = TaskQueues.INGESTION)
class IndexingActivitiesImpl implements IndexingActivities {

	private final ChunkPublisher publisher;

	IndexingActivitiesImpl(ChunkPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public int publishChunks(DocumentRef document) {
		return this.publisher.publish(document);
	}

}
