/** The ingestion workflow: one per document, from upload to READY, FAILED or CANCELLED. */
package io.scriptorium.workflows.ingestion;
