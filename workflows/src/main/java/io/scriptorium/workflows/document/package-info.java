/** The document types, statuses and stages the API shows and the workflow moves through. */
package io.scriptorium.workflows.document;
