package io.scriptorium.api.upload;

import io.scriptorium.api.system.ApiException;
import io.scriptorium.workflows.failure.ErrorCode;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The OCR languages an upload may ask for: those the OCR workers announced in the last {@link #RECENT} minutes
 * ({@code ocr_languages}, written by each at startup and every minute after), so that a scan is not stored only to
 * fail at its OCR stage, and a language whose workers are gone is not accepted for ever.
 */
@Component
class OcrLanguages {

	/**
	 * Tesseract's language names (eng, deu, chi_sim, ...), several joined by {@code +}; or by a space, which is what
	 * an unencoded {@code +} in a URL's query becomes.
	 */
	private static final Pattern LANGUAGES = Pattern.compile("[a-z][a-z_]{1,30}([+ ][a-z][a-z_]{1,30}){0,7}");

	static final int RECENT = 10;

	private final JdbcClient jdbc;

	OcrLanguages(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** @return the language as stored, null when none was asked for */
	String check(String language) {
		if (language == null || language.isBlank()) {
			return null;
		}
		String asked = language.strip().replace(' ', '+');
		if (!LANGUAGES.matcher(language.strip()).matches()) {
			throw unknown("language must be Tesseract language names joined by '+', e.g. deu+eng");
		}
		List<String> installed = this.jdbc
			.sql("SELECT language FROM ocr_languages WHERE seen_at > now() - make_interval(mins => ?)"
					+ " ORDER BY language")
			.param(RECENT)
			.query(String.class)
			.list();
		List<String> missing = Arrays.stream(asked.split("\\+")).filter((name) -> !installed.contains(name)).toList();
		if (!missing.isEmpty()) {
			throw unknown("the OCR language " + String.join(", ", missing) + " is not installed on any OCR worker"
					+ " (installed: " + (installed.isEmpty() ? "none, no OCR worker is running" : installed) + ")");
		}
		return asked;
	}

	private static ApiException unknown(String detail) {
		return new ApiException(HttpStatus.BAD_REQUEST, ErrorCode.OCR_LANGUAGE_UNKNOWN, detail);
	}

}
