package io.scriptorium.api.system;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;

/** What an API test reads back from Temporal to see what the API did there. */
public final class TemporalAssertions {

	private TemporalAssertions() {
	}

	public static WorkflowExecutionDescription describe(WorkflowClient client, String workflowId) {
		return client.newUntypedWorkflowStub(workflowId).describe();
	}

	public static boolean cancelRequested(WorkflowClient client, String workflowId) {
		return client.streamHistory(workflowId)
			.map(HistoryEvent::getEventType)
			.anyMatch(type -> type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED);
	}

}
