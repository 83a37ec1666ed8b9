package io.scriptorium.client;

import java.io.IOException;

/** An answer of the API that is not a success: its HTTP status and, from the problem details, its code and detail. */
public final class ApiException extends IOException {

	private final int status;

	private final String code;

	ApiException(String what, int status, String code, String detail) {
		super(what + " answered " + status + ((code != null) ? " " + code : "")
				+ ((detail != null) ? ": " + detail : ""));
		this.status = status;
		this.code = code;
	}

	public int status() {
		return this.status;
	}

	/** The problem's {@code code} (e.g. {@code FILE_TOO_LARGE}), or null when the answer had none. */
	public String code() {
		return this.code;
	}

}
