package io.scriptorium.workflows.parsing;

/**
 * Counts only: {@code pages} in the document, how many of them carry text, the characters extracted, and the pages
 * that could not be read and were left out ({@code skippedPages}; absent, so 0, in results recorded before it
 * existed).
 */
public record ParseResult(int pages, int pagesWithText, long characters, int skippedPages) {
}
