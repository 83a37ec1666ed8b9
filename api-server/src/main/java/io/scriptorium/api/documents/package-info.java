/** A document's status, its chunks, listing, deleting and retrying documents. */
package io.scriptorium.api.documents;
