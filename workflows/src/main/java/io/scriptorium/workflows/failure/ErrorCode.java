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
	EMBEDDING_FAILED,
	DOCUMENT_NOT_FOUND,
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
