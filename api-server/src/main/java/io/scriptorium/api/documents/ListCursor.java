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
			return new ListCursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
					UUID.fromString(parts[2]));
		}
		catch (IllegalArgumentException | java.time.DateTimeException ex) {
			throw ApiException.invalidRequest("Invalid cursor");
		}
	}

}
