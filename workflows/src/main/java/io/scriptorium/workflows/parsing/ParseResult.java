package io.scriptorium.workflows.parsing;

/** Counts only: {@code pages} in the document, how many of them carry text, and the characters extracted. */
public record ParseResult(int pages, int pagesWithText, long characters) {
}
