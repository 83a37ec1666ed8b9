package io.scriptorium.workflows.indexing;

import io.scriptorium.workflows.document.DocumentRef;
import io.temporal.activity.ActivityInterface;

/**
 * Makes a document's chunks searchable once every one has its vector (the HNSW cosine index in pgvector covers
 * them from then on). Idempotent.
 */
@ActivityInterface
public interface IndexingActivities {

	/** @return the number of chunks now searchable; fails (retryable, INTERNAL_ERROR) if any chunk lacks a vector */
	int publishChunks(DocumentRef document);

}
