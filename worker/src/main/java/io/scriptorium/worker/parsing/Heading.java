package io.scriptorium.worker.parsing;

/**
 * A heading of a document: the page (segment, for text formats) it is on, its level (1 for the top) and its title.
 */
record Heading(int page, int level, String title) {
}
