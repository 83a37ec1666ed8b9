package io.scriptorium.workflows.failure;

import static org.assertj.core.api.Assertions.assertThat;

import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.document.DocumentType;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FailuresTest {

	private static final DocumentRef DOCUMENT = new DocumentRef(UUID.randomUUID(), "report.odt", DocumentType.ODT);

	@Test
	void messageNamesTheFileAndCarriesTheCode() {
		ApplicationFailure failure = Failures.nonRetryable(ErrorCode.CORRUPT_DOCUMENT, DOCUMENT, "it is broken");

		assertThat(failure.getOriginalMessage()).isEqualTo("'report.odt': it is broken");
		assertThat(failure.getType()).isEqualTo("CORRUPT_DOCUMENT");
		assertThat(failure.isNonRetryable()).isTrue();
	}

	@Test
	void pathsOfTheWorkersDiskNeverReachTheMessage() {
		String temporary = Path.of(System.getProperty("java.io.tmpdir"), "convert-123", "source.odt").toString();

		ApplicationFailure failure = Failures.retryable(ErrorCode.CONVERSION_FAILED, DOCUMENT,
				"Document password requested for file:///tmp/convert-123/source.odt; copy at " + temporary
						+ " and 'file:/var/lib/x' too",
				null);

		assertThat(failure.getOriginalMessage()).isEqualTo(
				"'report.odt': Document password requested for <file>; copy at <file> and '<file>' too")
			.doesNotContain("convert-123");
	}

	@Test
	void wordsThatOnlyLookLikePathsStay() {
		ApplicationFailure failure = Failures.nonRetryable(ErrorCode.CORRUPT_DOCUMENT, DOCUMENT,
				"expected /Type /Page in application/pdf");

		assertThat(failure.getOriginalMessage()).endsWith("expected /Type /Page in application/pdf");
	}

}
