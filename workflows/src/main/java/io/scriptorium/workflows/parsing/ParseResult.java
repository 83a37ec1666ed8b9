package io.scriptorium.workflows.parsing;

/**
 * Counts only: {@code pages} in the document, how many of them carry text, the characters extracted, the pages
 * that could not be read and were left out ({@code skippedPages}), and those without a text layer, for OCR
 * ({@code pagesNeedingOcr}). Fields added later are absent, so 0, in results recorded before them.
 */
public record ParseResult(int pages, int pagesWithText, long characters, int skippedPages, int pagesNeedingOcr) {
}
