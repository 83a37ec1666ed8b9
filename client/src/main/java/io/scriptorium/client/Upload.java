package io.scriptorium.client;

import java.net.URI;
import tools.jackson.databind.JsonNode;

/**
 * The answer to an upload.
 *
 * @param started whether a run started (202: new bytes, or a reprocess); false when the same bytes were already a
 * document, which comes back as it is (200)
 * @param location where the document's status lives, when a run started; else null
 */
public record Upload(Document document, boolean started, URI location) {

	/** The {@code whsec_} secret the upload's callback is signed with, when it asked for one; else null. */
	public String callbackSecret() {
		JsonNode secret = this.document.json().path("callbackSecret");
		return secret.isString() ? secret.asString() : null;
	}

}
