/** Publishing a document's embedded chunks to search. */
package io.scriptorium.worker.indexing;
