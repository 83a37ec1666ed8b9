/**
 * Live status as Server-Sent Events: the {@code document_events} rows that a database trigger writes for every
 * change of a document, read after a position and pushed to the open streams when PostgreSQL notifies.
 */
package io.scriptorium.api.events;
