package io.scriptorium.workflows.boot;

import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.DescribeNamespaceResponse;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Whether the Temporal frontend answers for this app's namespace. Describing the namespace (rather than a bare
 * gRPC health check) also catches a namespace that does not exist, which would otherwise only show as workers that
 * never receive a task.
 */

class TemporalHealthIndicator extends AbstractHealthIndicator {

	/** A probe must answer within the kubelet's timeout even when the server is unreachable. */
	private static final Duration TIMEOUT = Duration.ofSeconds(3);

	private final WorkflowClient client;

	TemporalHealthIndicator(WorkflowClient client) {
		super("Temporal health check failed");
		this.client = client;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		String namespace = this.client.getOptions().getNamespace();
		DescribeNamespaceResponse response = this.client.getWorkflowServiceStubs()
			.blockingStub()
			.withDeadlineAfter(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
			.describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build());
		builder.up()
			.withDetail("namespace", namespace)
			.withDetail("state", response.getNamespaceInfo().getState().name());
	}

}
