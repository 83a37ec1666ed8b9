package io.scriptorium.client;

import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A document as the API describes it: the fields a caller acts on, and the whole answer for the rest.
 *
 * @param pages null until parsed
 * @param chunks null until chunked
 * @param errorCode null unless FAILED
 */
public record Document(UUID id, String filename, String status, String stage, Integer pages, Integer chunks,
		String errorCode, String errorMessage, JsonNode json) {

	/** The statuses a document ends in. */
	public static final Set<String> TERMINAL = Set.of("READY", "FAILED", "CANCELLED");

	static Document of(JsonNode json) {
		JsonNode error = json.path("error");
		return new Document(UUID.fromString(json.path("id").asString()), json.path("filename").asString(),
				json.path("status").asString(), json.path("stage").asString(), integer(json.path("pages")),
				integer(json.path("chunks")), error.isObject() ? error.path("code").asString() : null,
				error.isObject() ? error.path("message").asString() : null, json);
	}

	private static Integer integer(JsonNode node) {
		return node.isNumber() ? node.asInt() : null;
	}

	public boolean terminal() {
		return TERMINAL.contains(this.status);
	}

}
