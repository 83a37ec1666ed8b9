package io.scriptorium.workflows.parsing;

import io.scriptorium.workflows.document.DocumentRef;
import io.temporal.activity.ActivityInterface;

/**
 * Extracts the text of a document page by page into the document's pages (PDF: the converted PDF blob if the
 * type needs conversion, else the original; text formats: the original, as one page). Replaces pages a previous
 * attempt wrote (idempotent); heartbeats every few pages. Throws CORRUPT_DOCUMENT, ENCRYPTED_DOCUMENT and
 * TOO_MANY_PAGES as non-retryable.
 */
@ActivityInterface
public interface ParsingActivities {

	ParseResult extractText(DocumentRef document);

	/**
	 * {@link #extractText}, then, when no page needs OCR and some have text, the chunking of
	 * {@code ChunkingActivities#chunkText} in the same activity: its result is in {@link ParseResult#chunked()}.
	 * One activity fewer per document; both steps are idempotent and retried alike.
	 */
	ParseResult extractAndChunkText(DocumentRef document);

}
