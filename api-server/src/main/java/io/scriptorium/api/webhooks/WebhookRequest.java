package io.scriptorium.api.webhooks;

import java.util.List;

/**
 * A new endpoint.
 * @param url where events are posted (http or https)
 * @param events the event types it gets, e.g. {@code ["document.ready", "document.failed"]}
 * @param secret {@code whsec_} and base64 of 24 to 64 bytes; left out, one is made and answered once
 */
record WebhookRequest(String url, List<String> events, String secret) {
}
