package io.scriptorium.worker.parsing;

/**
 * The text a document's language is guessed from: its first pages, up to {@value #MAX_CHARS} characters. Only text
 * layers tell the language; a scan's is told by what OCR reads of it.
 */
final class LanguageSample {

	private static final int MAX_CHARS = 20_000;

	private final StringBuilder text = new StringBuilder();

	/** Takes in the next page, unless OCR is to read it or it is blank. */
	void add(String page, boolean ocrNeeded) {
		if (this.text.length() < MAX_CHARS && !ocrNeeded && !page.isBlank()) {
			this.text.append(page, 0, Math.min(page.length(), MAX_CHARS - this.text.length())).append('\n');
		}
	}

	/** The language guessed from the sample; null when no page had text. */
	String language() {
		return this.text.isEmpty() ? null : TextLanguage.of(this.text);
	}

}
