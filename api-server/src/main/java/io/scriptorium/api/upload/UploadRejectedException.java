package io.scriptorium.api.upload;

import io.scriptorium.api.system.ApiException;
import io.scriptorium.workflows.failure.ErrorCode;
import org.springframework.http.HttpStatus;

/** A document refused at the door, before anything is stored or started. */
public class UploadRejectedException extends ApiException {

	UploadRejectedException(HttpStatus status, ErrorCode code, String detail) {
		super(status, code, detail);
	}

	static UploadRejectedException unsupportedType(String detail) {
		return new UploadRejectedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorCode.UNSUPPORTED_TYPE, detail);
	}

	static UploadRejectedException empty(String filename) {
		return new UploadRejectedException(HttpStatus.BAD_REQUEST, ErrorCode.EMPTY_DOCUMENT,
				"'" + filename + "' is empty");
	}

	static UploadRejectedException tooLarge(String filename, long size, long max) {
		return new UploadRejectedException(HttpStatus.CONTENT_TOO_LARGE, ErrorCode.DOCUMENT_TOO_LARGE,
				"'" + filename + "' has " + size + " bytes; the limit is " + max);
	}

	static UploadRejectedException encrypted(String filename) {
		return new UploadRejectedException(HttpStatus.UNPROCESSABLE_CONTENT, ErrorCode.ENCRYPTED_DOCUMENT,
				"'" + filename + "' is password-protected");
	}

}
