package io.scriptorium.api.upload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileNamesTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "../../etc/passwd|passwd", "C:\\Users\\me\\report.pdf|report.pdf",
			"/tmp/x/notes.md|notes.md", "plain.txt|plain.txt", "  spaced name.docx  |spaced name.docx" })
	void keepsOnlyTheLastPathSegment(String original, String expected) {
		assertThat(FileNames.sanitize(original)).isEqualTo(expected);
	}

	@Test
	void dropsControlAndFormatCharacters() {
		assertThat(FileNames.sanitize("re\u0000po\nrt\u001b[31m.pdf")).isEqualTo("report[31m.pdf");
		assertThat(FileNames.sanitize("invoice\u202Efdp.exe")).isEqualTo("invoicefdp.exe");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "''", "'   '", "..", ".", "dir/", "'\u0007'" })
	void nameWithNothingLeftBecomesDocument(String original) {
		assertThat(FileNames.sanitize(original)).isEqualTo(FileNames.FALLBACK);
	}

	@Test
	void missingNameBecomesDocument() {
		assertThat(FileNames.sanitize(null)).isEqualTo(FileNames.FALLBACK);
	}

	@Test
	void longNameIsCutToTheLimitKeepingItsExtension() {
		String sanitized = FileNames.sanitize("a".repeat(400) + ".docx");
		assertThat(sanitized).hasSize(FileNames.MAX_LENGTH).endsWith("a.docx");
	}

	@Test
	void nonLatinNamesAreKept() {
		assertThat(FileNames.sanitize("Отчёт 报告 ✓.pdf")).isEqualTo("Отчёт 报告 ✓.pdf");
	}

}
