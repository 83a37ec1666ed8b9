package io.scriptorium.client;

import tools.jackson.databind.JsonNode;

/**
 * One event of the API's event streams.
 *
 * @param id what to send back as {@code lastEventId} to read on after it
 * @param type {@code document.created}, {@code .stage}, {@code .progress}, {@code .ready}, {@code .failed},
 * {@code .cancelled} or {@code .deleted}
 * @param data the document after the change: {@code documentId}, {@code status}, {@code stage}, {@code pages},
 * {@code chunks}, {@code chunksEmbedded}, {@code errorCode}...
 */
public record Event(String id, String type, JsonNode data) {
}
