/**
 * The contract shared by the worker and the api-server: workflow and activity interfaces, workflow
 * implementations, and the small records they exchange (ids and counts, never document bytes or texts). Two
 * packages here are runtime code both apps share rather than contract: {@code boot} (Spring Boot wiring) and
 * {@code embeddingmodel} (the embedding model).
 */
package io.scriptorium.workflows;
