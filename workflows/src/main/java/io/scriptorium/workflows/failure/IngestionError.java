package io.scriptorium.workflows.failure;

import io.scriptorium.workflows.document.Stage;

/** A document's failure as the API shows it: a code, a message naming the file, and the stage. */
public record IngestionError(ErrorCode code, String message, Stage stage) {
}
