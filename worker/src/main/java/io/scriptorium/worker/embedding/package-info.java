/** Embedding chunks with the configured model and storing their vectors in pgvector. */
package io.scriptorium.worker.embedding;
