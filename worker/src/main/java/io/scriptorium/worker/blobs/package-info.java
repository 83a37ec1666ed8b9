/** The claim-check store: document bytes in {@code document_blobs}, streamed to and from temporary files. */
package io.scriptorium.worker.blobs;
