package io.scriptorium.api.system;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.scriptorium.workflows.failure.ErrorCode;
import io.temporal.client.WorkflowServiceException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves the API as {@code application/problem+json} with a {@code code} member naming an
 * {@link ErrorCode}, so that clients branch on the code, never on the wording. Unexpected errors are logged here
 * and answered without internals.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	static final String CODE = "code";

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(ApiException.class)
	ResponseEntity<ProblemDetail> handleApiException(ApiException ex) {
		if (ex.status().is5xxServerError()) {
			log.warn("{}: {}", ex.code(), ex.getMessage(), ex.getCause());
		}
		return problem(ex.status(), ex.code(), ex.getMessage());
	}

	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class,
			CannotCreateTransactionException.class })
	ResponseEntity<ProblemDetail> handleDatabaseUnavailable(Exception ex) {
		log.warn("Database unavailable: {}", ex.getMessage());
		return problem(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.UNAVAILABLE,
				"The database is unavailable; try again later");
	}

	@ExceptionHandler({ WorkflowServiceException.class, StatusRuntimeException.class })
	ResponseEntity<ProblemDetail> handleTemporal(RuntimeException ex) {
		if (TemporalErrors.isUnavailable(ex)) {
			log.warn("Temporal unavailable: {}", ex.getMessage());
			return problem(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.UNAVAILABLE,
					"The workflow service is unavailable; try again later");
		}
		return handleUnexpected(ex);
	}

	/**
	 * A multipart body that cannot be parsed: truncated, a broken boundary, a part header with a NUL byte. (One that
	 * is too large is MaxUploadSizeExceededException, which the base class answers 413.)
	 */
	@ExceptionHandler(MultipartException.class)
	ResponseEntity<ProblemDetail> handleMalformedMultipart(MultipartException ex) {
		log.debug("Malformed multipart request: {}", ex.getMessage());
		return problem(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_REQUEST,
				"The multipart body is malformed or truncated; send the file as the form field 'file'");
	}

	/** Tomcat's word for a query string it cannot decode ({@code ?cursor=%%%}). */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<ProblemDetail> handleUndecodableQuery(InvalidParameterException ex) {
		return problem(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_REQUEST,
				"The query string is not valid percent-encoded UTF-8");
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> handleUnexpected(Exception ex) {
		log.error("Unexpected error", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL_ERROR,
				"Unexpected error; the server log has the details");
	}

	/** Spring MVC's own errors (missing part, bad parameter type, upload too large): add our code. */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem) {
			problem.setProperty(CODE, codeFor(statusCode).name());
		}
		return response;
	}

	static ErrorCode codeFor(HttpStatusCode status) {
		return switch (status.value()) {
			case 413 -> ErrorCode.DOCUMENT_TOO_LARGE;
			case 415 -> ErrorCode.UNSUPPORTED_TYPE;
			case 503 -> ErrorCode.UNAVAILABLE;
			default -> status.is4xxClientError() ? ErrorCode.INVALID_REQUEST : ErrorCode.INTERNAL_ERROR;
		};
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, ErrorCode code, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setProperty(CODE, code.name());
		return ResponseEntity.status(status).body(problem);
	}

	/** Which Temporal failures mean "try again later" rather than a bug. */
	static final class TemporalErrors {

		private TemporalErrors() {
		}

		static boolean isUnavailable(Throwable ex) {
			for (Throwable t = ex; t != null; t = t.getCause()) {
				if (t instanceof StatusRuntimeException grpc) {
					Status.Code code = grpc.getStatus().getCode();
					return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED
							|| code == Status.Code.RESOURCE_EXHAUSTED;
				}
			}
			return false;
		}

	}

}
