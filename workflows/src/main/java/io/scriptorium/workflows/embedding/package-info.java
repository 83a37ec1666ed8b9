/** Embedding chunks in batches. */
package io.scriptorium.workflows.embedding;
