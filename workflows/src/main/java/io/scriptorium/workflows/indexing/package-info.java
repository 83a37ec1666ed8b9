/** Publishing embedded chunks to search. */
package io.scriptorium.workflows.indexing;
