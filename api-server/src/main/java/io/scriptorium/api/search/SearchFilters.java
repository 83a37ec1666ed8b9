package io.scriptorium.api.search;

import io.scriptorium.workflows.document.DocumentType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which documents a search looks in; every field is optional and they all must hold.
 *
 * @param collection the collection given at upload
 * @param documentIds any of these documents
 * @param contentTypes any of these types
 * @param metadata every key with exactly this value in the document's metadata
 * @param uploadedAfter uploaded at or after
 * @param uploadedBefore uploaded before
 */
public record SearchFilters(String collection, List<UUID> documentIds, List<DocumentType> contentTypes,
		Map<String, String> metadata, Instant uploadedAfter, Instant uploadedBefore) {

	public static final SearchFilters NONE = new SearchFilters(null, List.of(), List.of(), Map.of(), null, null);

	/** Whether a filter needs the documents row (the document ids are on the chunk itself). */
	boolean onDocumentsTable() {
		return this.collection != null || !this.contentTypes.isEmpty() || !this.metadata.isEmpty()
				|| this.uploadedAfter != null || this.uploadedBefore != null;
	}

	boolean any() {
		return onDocumentsTable() || !this.documentIds.isEmpty();
	}

}
