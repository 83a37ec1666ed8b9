/** Splitting a document's pages into chunks sized in tokens of the embedding model. */
package io.scriptorium.worker.chunking;
