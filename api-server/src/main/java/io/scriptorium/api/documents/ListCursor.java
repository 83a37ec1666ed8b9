package io.scriptorium.api.documents;

import io.scriptorium.api.system.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * A position in the document list: the (created_at, id) of the last item returned. Opaque to clients (base64url)
 * so that its format can change.
 */
record ListCursor(Instant createdAt, UUID id) {

	/** PostgreSQL's timestamptz ends in year 294276; a cursor this API issued is far inside 0001..9999. */
	private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

	static ListCursor after(DocumentRecord last) {
		return new ListCursor(last.createdAt(), last.id());
	}

	String encode() {
		String raw = this.createdAt.getEpochSecond() + ":" + this.createdAt.getNano() + ":" + this.id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	/** @throws ApiException INVALID_REQUEST if the cursor is not one this API issued */
	static ListCursor decode(String cursor) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
			if (parts.length != 3) {
				throw new IllegalArgumentException("expected 3 parts");
			}
			long nanos = Long.parseLong(parts[1]);
			if (nanos < 0 || nanos > 999_999_999) {
				throw new IllegalArgumentException("nanos out of range");
			}
			Instant createdAt = Instant.ofEpochSecond(Long.parseLong(parts[0]), nanos);
			if (createdAt.isBefore(EARLIEST) || createdAt.isAfter(LATEST)) {
				throw new IllegalArgumentException("time out of range");
			}
			return new ListCursor(createdAt, UUID.fromString(parts[2]));
		}
		catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException ex) {
			throw ApiException.invalidRequest("Invalid cursor");
		}
	}

}
