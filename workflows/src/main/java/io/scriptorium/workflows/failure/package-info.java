/** Error codes and the failures that carry them from activities to the document's status. */
package io.scriptorium.workflows.failure;
