package io.scriptorium.workflows.ingestion;

import io.scriptorium.workflows.document.DocumentStatus;
import io.scriptorium.workflows.document.Stage;

/** The answer to the {@code progress} query: where the document is, as counts. */
public record Progress(DocumentStatus status, Stage stage, int pages, int chunks, int chunksEmbedded) {
}
