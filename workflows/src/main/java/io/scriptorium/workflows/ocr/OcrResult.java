package io.scriptorium.workflows.ocr;

/**
 * Counts only: the pages recognised, how many of them yielded text, and how many of those had a mean word
 * confidence under the OCR worker's threshold.
 */
public record OcrResult(int pages, int pagesWithText, int lowConfidencePages) {
}
