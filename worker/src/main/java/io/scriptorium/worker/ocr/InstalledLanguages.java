package io.scriptorium.worker.ocr;

import java.util.Arrays;
import java.util.List;

/** The Tesseract languages installed on this worker, read once at startup. */
record InstalledLanguages(List<String> list) {

	/** Whether every language of {@code language} ({@code deu+eng}: German and English) is installed. */
	boolean covers(String language) {
		return Arrays.stream(language.split("\\+")).allMatch(this.list::contains);
	}

}
