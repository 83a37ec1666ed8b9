package io.scriptorium.workflows.ingestion;

import io.scriptorium.workflows.SearchAttributes;
import io.scriptorium.workflows.TaskQueues;
import io.scriptorium.workflows.WorkflowIds;
import io.scriptorium.workflows.document.DocumentStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes.Builder;
import java.util.Map;

/**
 * How an ingestion workflow is started: its ID, task queue, the search attributes and memo that let a person find
 * and recognise it in the Temporal UI.
 */
public final class IngestionWorkflowOptions {

	private IngestionWorkflowOptions() {
	}

	public static WorkflowOptions forRequest(IngestionRequest request) {
		Builder attributes = io.temporal.common.SearchAttributes.newBuilder()
			.set(SearchAttributes.DOCUMENT_ID, request.documentId().toString())
			.set(SearchAttributes.CONTENT_TYPE, request.type().name())
			.set(SearchAttributes.DOCUMENT_STATUS, DocumentStatus.PENDING.name());
		return WorkflowOptions.newBuilder()
			.setWorkflowId(WorkflowIds.forDocument(request.documentId()))
			.setTaskQueue(TaskQueues.INGESTION)
			// A reprocess or retry starts a new run of the same ID; a running one is never started twice.
			.setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
			.setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
			.setTypedSearchAttributes(attributes.build())
			.setMemo(Map.of("filename", request.filename(), "sizeBytes", request.sizeBytes()))
			.build();
	}

}
