package io.scriptorium.workflows.failure;

import java.util.Optional;

/**
 * Why a document failed. Activities throw {@code ApplicationFailure}s whose type is {@code code.name()}
 * ({@link Failures}); the workflow maps the type back to a code for the document's {@code error}, and the API maps
 * codes to HTTP statuses.
 */
public enum ErrorCode {

	EMPTY_DOCUMENT,
	UNSUPPORTED_TYPE,
	DOCUMENT_TOO_LARGE,
	CORRUPT_DOCUMENT,
	ENCRYPTED_DOCUMENT,
	CONVERSION_FAILED,
	TOO_MANY_PAGES,
	/**
	 * The document needs more work or memory than a document may take: a PDF whose pages exceed the parser's budgets
	 * or kill its process, an office file LibreOffice cannot convert in time (twice). Not retried.
	 */
	DOCUMENT_TOO_COMPLEX,
	EMBEDDING_FAILED,
	/** OCR could not run: no OCR worker took the pages in time, or Tesseract failed. */
	OCR_FAILED,
	/** More pages need OCR than {@code scriptorium.ocr.max-pages} allows for one document. Not retried. */
	OCR_TOO_MANY_PAGES,
	/** A page took longer than {@code scriptorium.ocr.page-timeout} to render or recognise. Not retried. */
	OCR_PAGE_TIMEOUT,
	/** Rendering a page for OCR ran out of the renderer's memory (a huge image, a decompression bomb). Not retried. */
	OCR_PAGE_TOO_LARGE,
	/** The OCR language asked for is not installed on the OCR workers (HTTP 400 at upload). */
	OCR_LANGUAGE_UNKNOWN,
	DOCUMENT_NOT_FOUND,
	/** API only: a request parameter is missing or out of range (HTTP 400). */
	INVALID_REQUEST,
	/** API only: the document's status does not allow the request, e.g. a retry while a run is in flight (409). */
	INVALID_STATE,
	/** API only: the database or Temporal cannot be reached right now (HTTP 503); the client may retry. */
	UNAVAILABLE,
	/** API only: a webhook URL on a private, loopback or link-local address that is not allowed (HTTP 400). */
	WEBHOOK_TARGET_REFUSED,
	/** API only: no webhook endpoint with that id (HTTP 404). */
	WEBHOOK_NOT_FOUND,
	/** API only: the request carries no valid bearer token while the API requires one (HTTP 401). */
	UNAUTHORIZED,
	INTERNAL_ERROR;

	/** The code named by an {@code ApplicationFailure} type, if it is one of ours. */
	public static Optional<ErrorCode> fromFailureType(String type) {
		if (type == null) {
			return Optional.empty();
		}
		for (ErrorCode code : values()) {
			if (code.name().equals(type)) {
				return Optional.of(code);
			}
		}
		return Optional.empty();
	}

}
