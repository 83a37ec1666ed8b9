package io.scriptorium.api.upload;

import io.scriptorium.api.system.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The collection and metadata an upload may carry, checked at the door: search filters on them, so they are kept
 * small and flat (string keys and values).
 *
 * @param collection null when none was given
 * @param metadata empty when none was given
 */
record UploadLabels(String collection, Map<String, String> metadata) {

	static final int MAX_COLLECTION_CHARS = 200;

	static final int MAX_METADATA_KEYS = 50;

	static final int MAX_KEY_CHARS = 100;

	static final int MAX_VALUE_CHARS = 1000;

	/** @param metadataJson a JSON object of strings, or null */
	static UploadLabels parse(String collection, String metadataJson, JsonMapper json) {
		String name = (collection == null || collection.isBlank()) ? null : collection.strip();
		if (name != null && name.length() > MAX_COLLECTION_CHARS) {
			throw ApiException.invalidRequest("collection must be at most " + MAX_COLLECTION_CHARS + " characters");
		}
		return new UploadLabels(name, metadata(metadataJson, json));
	}

	private static Map<String, String> metadata(String metadataJson, JsonMapper json) {
		if (metadataJson == null || metadataJson.isBlank()) {
			return Map.of();
		}
		JsonNode node;
		try {
			node = json.readTree(metadataJson);
		}
		catch (JacksonException ex) {
			throw ApiException.invalidRequest("metadata must be a JSON object of strings: " + ex.getOriginalMessage());
		}
		if (node == null || !node.isObject() || node.size() > MAX_METADATA_KEYS) {
			throw ApiException.invalidRequest("metadata must be a JSON object of at most " + MAX_METADATA_KEYS
					+ " string values");
		}
		Map<String, String> metadata = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			if (!field.getValue().isString() || field.getKey().isEmpty() || field.getKey().length() > MAX_KEY_CHARS
					|| field.getValue().stringValue().length() > MAX_VALUE_CHARS) {
				throw ApiException.invalidRequest("metadata '" + field.getKey() + "': keys of 1-" + MAX_KEY_CHARS
						+ " characters with string values of at most " + MAX_VALUE_CHARS + " characters");
			}
			metadata.put(field.getKey(), field.getValue().stringValue());
		}
		return metadata;
	}

}
