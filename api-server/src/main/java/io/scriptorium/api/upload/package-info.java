/** Uploading a document: checking it at the door, storing its bytes, starting its ingestion workflow. */
package io.scriptorium.api.upload;
