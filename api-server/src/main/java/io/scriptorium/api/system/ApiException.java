package io.scriptorium.api.system;

import io.scriptorium.workflows.failure.ErrorCode;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** A request the API refuses on purpose: rendered as a problem detail with its {@link ErrorCode}. */
public class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final ErrorCode code;

	public ApiException(HttpStatus status, ErrorCode code, String detail) {
		this(status, code, detail, null);
	}

	public ApiException(HttpStatus status, ErrorCode code, String detail, Throwable cause) {
		super(detail, cause);
		this.status = status;
		this.code = code;
	}

	public static ApiException documentNotFound(UUID id) {
		return new ApiException(HttpStatus.NOT_FOUND, ErrorCode.DOCUMENT_NOT_FOUND, "No document with id " + id);
	}

	public static ApiException invalidRequest(String detail) {
		return new ApiException(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_REQUEST, detail);
	}

	public static ApiException invalidState(String detail) {
		return new ApiException(HttpStatus.CONFLICT, ErrorCode.INVALID_STATE, detail);
	}

	public static ApiException unavailable(String detail, Throwable cause) {
		return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.UNAVAILABLE, detail, cause);
	}

	public HttpStatus status() {
		return this.status;
	}

	public ErrorCode code() {
		return this.code;
	}

}
