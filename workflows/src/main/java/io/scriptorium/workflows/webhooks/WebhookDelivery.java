package io.scriptorium.workflows.webhooks;

import java.util.UUID;

/**
 * One event for one endpoint, by ids only: the payload is read from the database when it is sent.
 * @param retryForSeconds how long failed attempts are retried, from the worker's configuration when the delivery
 * was started (workflow code reads no configuration)
 */
public record WebhookDelivery(UUID endpointId, long eventId, long retryForSeconds) {
}
