package io.scriptorium.workflows.chunking;

/**
 * How many chunks were stored, and how the worker wants them embedded: {@code batchSize} chunks per activity, up
 * to {@code parallelBatches} batches at once. The plan comes from the worker's configuration, not the workflow.
 */
public record ChunkingResult(int chunks, int batchSize, int parallelBatches) {
}
