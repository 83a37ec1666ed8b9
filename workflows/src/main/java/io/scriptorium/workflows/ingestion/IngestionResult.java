package io.scriptorium.workflows.ingestion;

import io.scriptorium.workflows.document.DocumentStatus;
import io.scriptorium.workflows.document.Warning;
import io.scriptorium.workflows.failure.IngestionError;
import java.util.List;

/** How an ingestion ended; the same facts are in the document's row. {@code error} is null unless FAILED. */
public record IngestionResult(DocumentStatus status, int pages, int chunks, List<Warning> warnings,
		IngestionError error) {
}
