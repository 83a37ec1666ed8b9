package io.scriptorium.worker.webhooks;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookSigningException;
import io.scriptorium.worker.webhooks.WebhookStore.Endpoint;
import io.scriptorium.workflows.document.DocumentEvent;
import io.scriptorium.workflows.webhooks.WebhookProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts an event as the Standard Webhooks specification says: a JSON body {@code {type, timestamp, data}} and the
 * headers {@code webhook-id}, {@code webhook-timestamp} (of this attempt) and {@code webhook-signature}
 * ({@code v1,} HMAC-SHA256 of {@code id.timestamp.body}, by the endpoint's {@code whsec_} secret). Redirects are
 * not followed: a receiver must answer at the URL that was checked.
 */
@Component
class WebhookSender {

	static final String USER_AGENT = "Scriptorium-Webhooks/1";

	/** Boot's, as the API's event streams write the same event. */
	private final JsonMapper json;

	private final HttpClient http;

	private final WebhookProperties properties;

	WebhookSender(WebhookProperties properties, JsonMapper json) {
		this.properties = properties;
		this.json = json;
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.getRequestTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/** @return the receiver's HTTP status; an exception if none answered */
	int send(Endpoint endpoint, String messageId, DocumentEvent event) throws IOException, InterruptedException {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("type", event.type());
		payload.put("timestamp", event.at().toString());
		payload.put("data", event);
		String body = this.json.writeValueAsString(payload);
		long timestamp = Instant.now().getEpochSecond();
		String signature;
		try {
			signature = new Webhook(endpoint.secret()).sign(messageId, timestamp, body);
		}
		catch (EmptyWebhookSecretException | WebhookSigningException | RuntimeException ex) {
			throw new IllegalStateException("The secret of webhook endpoint " + endpoint.id() + " cannot sign", ex);
		}
		HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.url()))
			.timeout(this.properties.getRequestTimeout())
			.header("Content-Type", "application/json")
			.header("User-Agent", USER_AGENT)
			.header("webhook-id", messageId)
			.header("webhook-timestamp", Long.toString(timestamp))
			.header("webhook-signature", signature)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
