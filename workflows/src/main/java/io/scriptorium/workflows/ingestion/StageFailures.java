package io.scriptorium.workflows.ingestion;

import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.document.Stage;
import io.scriptorium.workflows.failure.ErrorCode;
import io.scriptorium.workflows.failure.IngestionError;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import java.util.Locale;

/**
 * Turns an activity's final failure into the document's {@link IngestionError}. Activities name their failures
 * with an {@link ErrorCode}; a timeout or a failure of unknown type gets the stage's own code, so that the error
 * still tells a person where to look.
 */
final class StageFailures {

	private StageFailures() {
	}

	static IngestionError toError(ActivityFailure failure, Stage stage, DocumentRef document) {
		Throwable cause = failure.getCause();
		if (cause instanceof ApplicationFailure application) {
			ErrorCode code = ErrorCode.fromFailureType(application.getType()).orElse(defaultCode(stage));
			return new IngestionError(code, namingFile(document, application.getOriginalMessage()), stage);
		}
		if (cause instanceof TimeoutFailure timeout) {
			return new IngestionError(defaultCode(stage), timedOut(document, stage, timeout), stage);
		}
		String detail = (cause != null) ? cause.getMessage() : failure.getMessage();
		return new IngestionError(defaultCode(stage), namingFile(document, detail), stage);
	}

	static ErrorCode defaultCode(Stage stage) {
		return switch (stage) {
			case CONVERT -> ErrorCode.CONVERSION_FAILED;
			case OCR -> ErrorCode.OCR_FAILED;
			case EMBED -> ErrorCode.EMBEDDING_FAILED;
			default -> ErrorCode.INTERNAL_ERROR;
		};
	}

	private static String timedOut(DocumentRef document, Stage stage, TimeoutFailure timeout) {
		String detail = stage.name().toLowerCase(Locale.ROOT) + " timed out ("
				+ timeout.getTimeoutType().name().replace("TIMEOUT_TYPE_", "") + ")";
		if (stage == Stage.CONVERT) {
			// The usual reason: no worker with LibreOffice polls the office task queue.
			detail += "; is an office worker running?";
		}
		else if (stage == Stage.OCR) {
			detail += "; is an OCR worker (scriptorium.ocr.enabled, Tesseract installed) running?";
		}
		return namingFile(document, detail);
	}

	private static String namingFile(DocumentRef document, String detail) {
		String prefix = "'" + document.filename() + "': ";
		if (detail != null && detail.startsWith(prefix)) {
			return detail;
		}
		return prefix + detail;
	}

}
