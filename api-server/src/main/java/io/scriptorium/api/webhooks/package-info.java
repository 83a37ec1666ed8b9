/**
 * Webhook endpoints: registered, listed (without their secrets) and deleted through the API, with the log of their
 * deliveries. The worker delivers ({@code io.scriptorium.worker.webhooks}).
 */
package io.scriptorium.api.webhooks;
