/**
 * Webhooks: a singleton dispatch workflow reads the document events and starts one delivery workflow per endpoint
 * and event, which posts the signed event and retries with backoff for {@code scriptorium.webhooks.retry-for}.
 * The address rule for targets is here because the API (at registration) and the worker (at delivery) both apply it.
 */
package io.scriptorium.workflows.webhooks;
