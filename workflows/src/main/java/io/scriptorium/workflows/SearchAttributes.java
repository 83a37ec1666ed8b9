package io.scriptorium.workflows;

import io.temporal.common.SearchAttributeKey;

/**
 * Custom search attributes of the ingestion workflow, so that the Temporal UI can filter by them
 * (e.g. {@code DocumentId="..."} or {@code DocumentStatus="FAILED"}). The stack scripts and the compose file
 * register them with the server.
 */
public final class SearchAttributes {

	public static final SearchAttributeKey<String> DOCUMENT_ID = SearchAttributeKey.forKeyword("DocumentId");

	public static final SearchAttributeKey<String> DOCUMENT_STATUS = SearchAttributeKey.forKeyword("DocumentStatus");

	public static final SearchAttributeKey<String> CONTENT_TYPE = SearchAttributeKey.forKeyword("ContentType");

	private SearchAttributes() {
	}

}
