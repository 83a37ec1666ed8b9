/**
 * Webhook dispatch and delivery: reads the document events for the dispatch workflow, signs and posts them for the
 * delivery workflows ({@code io.scriptorium.workflows.webhooks}), and records each attempt.
 */
package io.scriptorium.worker.webhooks;
