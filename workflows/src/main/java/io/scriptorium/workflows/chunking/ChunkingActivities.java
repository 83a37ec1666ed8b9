package io.scriptorium.workflows.chunking;

import io.scriptorium.workflows.document.DocumentRef;
import io.temporal.activity.ActivityInterface;

/**
 * Splits the document's pages into chunks sized in tokens of the configured embedding model (so no chunk is
 * truncated by it), page-aware, with overlap. Stores the chunks without vectors, replacing those of a previous
 * attempt (idempotent).
 */
@ActivityInterface
public interface ChunkingActivities {

	ChunkingResult chunkText(DocumentRef document);

}
