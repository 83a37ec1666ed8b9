package io.scriptorium.worker.chunking;

/**
 * One chunk as the chunker emits it, in reading order.
 *
 * @param index 0-based position in the document
 * @param page the 1-based page the chunk starts on, or null for text formats (no real pages)
 * @param text the text the model embeds; never blank, never contains NUL
 * @param tokenCount tokens the model reads for {@code text}, special tokens included
 */
record Chunk(int index, Integer page, String text, int tokenCount) {
}
