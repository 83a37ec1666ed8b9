package io.scriptorium.workflows.testing;

import com.google.protobuf.util.Durations;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.scriptorium.workflows.SearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.RegisterNamespaceRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh namespace on the real Temporal server (the dev server {@code scripts/stack infra} starts), so that
 * integration tests that run workers on Scriptorium's fixed task queues cannot take each other's tasks, and a
 * test starts with no workflow history. The namespace is left behind (the dev server keeps it in its SQLite file
 * under .stack/ and a fresh stack starts clean).
 */
public final class TemporalTestNamespace {

	/** {@code -Dscriptorium.temporal.target=host:port}; default the local stack's server. */
	public static final String TARGET = System.getProperty("scriptorium.temporal.target", "127.0.0.1:7233");

	/** The workflow's search attributes, all keywords, by the names its keys carry. */
	private static final Map<String, IndexedValueType> SEARCH_ATTRIBUTES = Map.of(
			SearchAttributes.DOCUMENT_ID.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
			SearchAttributes.DOCUMENT_STATUS.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
			SearchAttributes.CONTENT_TYPE.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);

	private final String name;

	private final WorkflowServiceStubs service;

	private TemporalTestNamespace(String name, WorkflowServiceStubs service) {
		this.name = name;
		this.service = service;
	}

	/** Registers a new namespace with the platform's search attributes and waits until it can be used. */
	public static TemporalTestNamespace create(String prefix) {
		String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
		WorkflowServiceStubs service = WorkflowServiceStubs
			.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(TARGET).build());
		try {
			service.blockingStub()
				.registerNamespace(RegisterNamespaceRequest.newBuilder()
					.setNamespace(name)
					.setWorkflowExecutionRetentionPeriod(Durations.fromDays(1))
					.build());
		}
		catch (StatusRuntimeException ex) {
			if (ex.getStatus().getCode() == Status.Code.UNAVAILABLE) {
				throw new IllegalStateException("No Temporal server answers at " + TARGET + ": the integration tests"
						+ " need the local stack, start it with `scripts/stack infra`", ex);
			}
			throw ex;
		}
		awaitNamespace(service, name);
		OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(
				OperatorServiceStubsOptions.newBuilder()
					.setChannel(service.getRawChannel())
					.validateAndBuildWithDefaults());
		operator.blockingStub()
			.addSearchAttributes(AddSearchAttributesRequest.newBuilder()
				.setNamespace(name)
				.putAllSearchAttributes(SEARCH_ATTRIBUTES)
				.build());
		return new TemporalTestNamespace(name, service);
	}

	private static void awaitNamespace(WorkflowServiceStubs service, String name) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (true) {
			try {
				service.blockingStub()
					.describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(name).build());
				return;
			}
			catch (StatusRuntimeException ex) {
				if (ex.getStatus().getCode() != Status.Code.NOT_FOUND || Instant.now().isAfter(deadline)) {
					throw ex;
				}
				sleep(200);
			}
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public String name() {
		return this.name;
	}

	public WorkflowServiceStubs service() {
		return this.service;
	}

	public WorkflowClient newClient() {
		return WorkflowClient.newInstance(this.service,
				WorkflowClientOptions.newBuilder().setNamespace(this.name).build());
	}

}
