/** Semantic search over the chunks of READY documents (pgvector, cosine). */
package io.scriptorium.api.search;
