package io.scriptorium.workflows.document;

import java.util.UUID;

/**
 * What an activity needs to find a document and to name it in an error: its id, file name and type. The bytes
 * stay in the blob store (claim check).
 */
public record DocumentRef(UUID documentId, String filename, DocumentType type) {
}
