package io.scriptorium.workflows.conversion;

import io.scriptorium.workflows.document.DocumentRef;
import io.temporal.activity.ActivityInterface;

/**
 * Converts an office document (DOCX, DOC, ODT, RTF, PPTX) to PDF with LibreOffice. Runs on
 * {@link io.scriptorium.workflows.TaskQueues#OFFICE}. Reads the ORIGINAL blob and writes the PDF blob, replacing
 * one a previous attempt wrote (idempotent). Throws CORRUPT_DOCUMENT, ENCRYPTED_DOCUMENT or UNSUPPORTED_TYPE as
 * non-retryable, CONVERSION_FAILED as retryable when LibreOffice itself failed.
 */
@ActivityInterface
public interface ConversionActivities {

	ConversionResult convertToPdf(DocumentRef document);

}
