package io.scriptorium.workflows.embedding;

import io.scriptorium.workflows.document.DocumentRef;
import io.temporal.activity.ActivityInterface;

/**
 * Embeds the chunks {@code [fromIndex, toIndex)} of a document and writes their vectors and model name into
 * pgvector. Overwrites (idempotent); heartbeats while it works. The vectors never pass through Temporal.
 */
@ActivityInterface
public interface EmbeddingActivities {

	/** @return the number of chunks embedded */
	int embedChunks(DocumentRef document, int fromIndex, int toIndex);

	/**
	 * {@link #embedChunks} over all of a document's chunks, then {@code IndexingActivities#publishChunks} in the same
	 * activity: for a document embedded in one batch.
	 * @return the number of chunks now searchable
	 */
	int embedAndPublishChunks(DocumentRef document, int fromIndex, int toIndex);

}
