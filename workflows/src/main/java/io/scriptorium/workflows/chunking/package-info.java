/** Token-aware, page-aware chunking. */
package io.scriptorium.workflows.chunking;
