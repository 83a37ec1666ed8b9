/** Recording a document's status in its row, which the API reads. */
package io.scriptorium.worker.status;
