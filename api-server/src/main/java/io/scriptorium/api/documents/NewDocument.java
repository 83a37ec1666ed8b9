package io.scriptorium.api.documents;

import io.scriptorium.workflows.document.DocumentType;
import java.util.Map;
import org.springframework.core.io.InputStreamSource;

/**
 * A document that passed the upload's door checks, with what the upload labelled it with.
 *
 * @param sha256 hex; the same bytes are the same document
 * @param collection null when none was given
 * @param ocrLanguage Tesseract languages for its scanned pages, null for the OCR workers' default
 * @param content the bytes, streamed into the database once
 * @param callbackUrl where to post the end of its run (a checked webhook target), or null
 */
public record NewDocument(String filename, DocumentType type, String sha256, long sizeBytes, String collection,
		Map<String, String> metadata, String ocrLanguage, InputStreamSource content, String callbackUrl) {
}
