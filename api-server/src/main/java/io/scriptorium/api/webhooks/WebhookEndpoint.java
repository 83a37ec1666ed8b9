package io.scriptorium.api.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An endpoint as the API shows it. The secret is only in the answer to its registration; listings leave it out.
 * @param documentId set for an upload's callback, which gets that document's events only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WebhookEndpoint(UUID id, String url, List<String> events, UUID documentId, Instant createdAt,
		String secret) {

	WebhookEndpoint withoutSecret() {
		return new WebhookEndpoint(this.id, this.url, this.events, this.documentId, this.createdAt, null);
	}

}
