package io.scriptorium.api.documents;

import static io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.scriptorium.api.system.ApiException;
import io.scriptorium.workflows.ingestion.IngestionRequest;
import io.scriptorium.workflows.ingestion.IngestionWorkflow;
import io.scriptorium.workflows.ingestion.IngestionWorkflowOptions;
import io.scriptorium.workflows.ingestion.Progress;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** What the API asks of Temporal about a document's workflow: start a run, query its progress, cancel it. */
@Component
public class DocumentWorkflows {

	private static final Logger log = LoggerFactory.getLogger(DocumentWorkflows.class);

	private static final String PROGRESS_QUERY = "progress";

	private final WorkflowClient client;

	DocumentWorkflows(WorkflowClient client) {
		this.client = client;
	}

	/**
	 * Starts a run of {@code document-{id}}.
	 * @throws ApiException INVALID_STATE (409) if a run is in flight, UNAVAILABLE (503) if Temporal refused
	 */
	public void start(IngestionRequest request) {
		IngestionWorkflow stub = this.client.newWorkflowStub(IngestionWorkflow.class,
				IngestionWorkflowOptions.forRequest(request));
		try {
			WorkflowClient.start(stub::ingest, request);
		}
		catch (WorkflowExecutionAlreadyStarted ex) {
			throw ApiException.invalidState("Document " + request.documentId() + " is being processed");
		}
		catch (RuntimeException ex) {
			throw ApiException.unavailable("The ingestion workflow could not be started; try again later", ex);
		}
	}

	/**
	 * Whether a run of the workflow is in flight.
	 * @throws ApiException UNAVAILABLE (503) if Temporal cannot say
	 */
	boolean isRunning(String workflowId) {
		try {
			return this.client.newUntypedWorkflowStub(workflowId)
				.describe()
				.getStatus() == WORKFLOW_EXECUTION_STATUS_RUNNING;
		}
		catch (RuntimeException ex) {
			if (isNotFound(ex)) {
				return false;
			}
			throw ApiException.unavailable("The workflow service is unavailable; try again later", ex);
		}
	}

	/**
	 * The running workflow's answer to its {@code progress} query, or empty if it does not answer within
	 * {@code timeout} (no worker polling, workflow closed, Temporal down): progress is a nicety, never a reason
	 * to fail a status request.
	 */
	Optional<Progress> progress(String workflowId, Duration timeout) {
		try {
			QueryWorkflowResponse response = this.client.getWorkflowServiceStubs()
				.blockingStub()
				.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
				.queryWorkflow(QueryWorkflowRequest.newBuilder()
					.setNamespace(this.client.getOptions().getNamespace())
					.setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
					.setQuery(WorkflowQuery.newBuilder().setQueryType(PROGRESS_QUERY))
					.build());
			if (response.hasQueryRejected() || !response.hasQueryResult()) {
				return Optional.empty();
			}
			return Optional.ofNullable(this.client.getOptions()
				.getDataConverter()
				.fromPayloads(0, Optional.of(response.getQueryResult()), Progress.class, Progress.class));
		}
		catch (RuntimeException ex) {
			log.debug("No progress from {}: {}", workflowId, ex.toString());
			return Optional.empty();
		}
	}

	/**
	 * Requests cancellation of the running workflow, if any; a closed or unknown one is fine.
	 * @throws RuntimeException if Temporal cannot be reached
	 */
	void cancel(String workflowId) {
		try {
			this.client.newUntypedWorkflowStub(workflowId).cancel();
		}
		catch (RuntimeException ex) {
			// Already closed, or never started: nothing to cancel.
			if (!isNotFound(ex)) {
				throw ex;
			}
		}
	}

	private static boolean isNotFound(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof WorkflowNotFoundException
					|| (t instanceof StatusRuntimeException grpc
							&& grpc.getStatus().getCode() == Status.Code.NOT_FOUND)) {
				return true;
			}
		}
		return false;
	}

}
