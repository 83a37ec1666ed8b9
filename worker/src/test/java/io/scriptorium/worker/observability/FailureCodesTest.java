package io.scriptorium.worker.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.document.DocumentType;
import io.scriptorium.workflows.failure.ErrorCode;
import io.scriptorium.workflows.failure.Failures;
import io.temporal.failure.ApplicationFailure;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FailureCodesTest {

	private final DocumentRef document = new DocumentRef(UUID.randomUUID(), "a.docx", DocumentType.DOCX);

	@Test
	void codedFailuresAreTaggedWithTheirErrorCode() {
		assertThat(FailureCodes.of(Failures.nonRetryable(ErrorCode.CORRUPT_DOCUMENT, this.document, "bad")))
			.isEqualTo("CORRUPT_DOCUMENT");
		assertThat(FailureCodes.of(Failures.retryable(ErrorCode.CONVERSION_FAILED, this.document, "crash", null)))
			.isEqualTo("CONVERSION_FAILED");
	}

	@Test
	void uncodedFailuresShareOneTagValue() {
		assertThat(FailureCodes.of(new IllegalStateException("boom"))).isEqualTo(FailureCodes.UNCLASSIFIED);
		assertThat(FailureCodes.of(ApplicationFailure.newFailure("x", "SomeLibraryType")))
			.isEqualTo(FailureCodes.UNCLASSIFIED);
	}

	@Test
	void documentIdComesFromTheDocumentRefOrTheIdArgument() {
		UUID id = UUID.randomUUID();
		assertThat(ObservedActivity.documentId(new Object[] { this.document, 0, 4 }))
			.isEqualTo(this.document.documentId());
		assertThat(ObservedActivity.documentId(new Object[] { id, "PARSE" })).isEqualTo(id);
		assertThat(ObservedActivity.documentId(new Object[0])).isNull();
	}

}
