package io.scriptorium.workflows.ocr;

/**
 * Counts only: the pages recognised, how many of them yielded text, and how many of those had a mean word
 * confidence under the OCR worker's threshold.
 */
public record OcrResult(int pages, int pagesWithText, int lowConfidencePages) {

	public static final OcrResult NONE = new OcrResult(0, 0, 0);

	/** The counts of this batch and {@code other} together. */
	public OcrResult plus(OcrResult other) {
		return new OcrResult(this.pages + other.pages, this.pagesWithText + other.pagesWithText,
				this.lowConfidencePages + other.lowConfidencePages);
	}

}
