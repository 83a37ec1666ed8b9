package io.scriptorium.api.upload;

import io.scriptorium.workflows.document.DocumentType;

/** A file that passed the door checks: its display name, type, SHA-256 (hex) and size. */
record InspectedFile(String filename, DocumentType type, String sha256, long sizeBytes) {
}
