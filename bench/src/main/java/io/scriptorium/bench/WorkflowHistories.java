package io.scriptorium.bench;

import io.temporal.api.history.v1.History;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;

/** Length and encoded size of a workflow's latest run history, read from Temporal. */
final class WorkflowHistories implements AutoCloseable {

	record Size(String workflowId, int events, long bytes) {
	}

	private final WorkflowServiceStubs stubs;

	private final WorkflowClient client;

	WorkflowHistories(String target) {
		this.stubs = WorkflowServiceStubs
			.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
		this.client = WorkflowClient.newInstance(this.stubs,
				WorkflowClientOptions.newBuilder().setNamespace("default").build());
	}

	Size of(String workflowId) {
		History history = this.client.fetchHistory(workflowId).getHistory();
		return new Size(workflowId, history.getEventsCount(), history.getSerializedSize());
	}

	@Override
	public void close() {
		this.stubs.shutdown();
	}

}
