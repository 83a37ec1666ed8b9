package io.scriptorium.api.webhooks;

import java.time.Instant;

/**
 * One attempt to deliver an event, as the worker recorded it.
 * @param webhookId the {@code webhook-id} header, the same for every attempt of an event (and the delivery's
 * workflow ID in the Temporal UI)
 * @param statusCode the receiver's answer; null if none came
 */
record WebhookDeliveryAttempt(String webhookId, long eventId, String eventType, int attempt, Integer statusCode,
		boolean delivered, String error, int durationMs, Instant attemptedAt) {
}
