package io.scriptorium.workflows.ingestion;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Ingests one document: convert, parse, chunk, embed, index. Workflow ID
 * {@link io.scriptorium.workflows.WorkflowIds#forDocument}. Always ends with the document READY, FAILED or
 * CANCELLED in the database.
 */
@WorkflowInterface
public interface IngestionWorkflow {

	@WorkflowMethod
	IngestionResult ingest(IngestionRequest request);

	@QueryMethod
	Progress progress();

}
