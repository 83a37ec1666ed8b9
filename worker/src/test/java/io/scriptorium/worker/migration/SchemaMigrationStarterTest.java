package io.scriptorium.worker.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scriptorium.workflows.TaskQueues;
import io.scriptorium.workflows.migration.MigrationResult;
import io.scriptorium.workflows.migration.SchemaMigrationActivities;
import io.scriptorium.workflows.migration.SchemaMigrationStarter;
import io.scriptorium.workflows.migration.SchemaMigrationWorkflowImpl;
import io.temporal.activity.Activity;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How the starter copes with what happens on a real boot: a Temporal server that is not up yet, and a migration run
 * that fails. Uses the SDK's in-memory test server bound to a port, which the starter reaches like the real one.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class SchemaMigrationStarterTest {

	private static final MigrationResult MIGRATED = new MigrationResult(List.of("1"), "1");

	private final int port = freePort();

	private TestServer.PortBoundTestServer server;

	private WorkflowServiceStubs service;

	private WorkflowServiceStubs workerService;

	private WorkerFactory workerFactory;

	private SchemaMigrationStarter starter;

	@AfterEach
	void stop() throws Exception {
		if (this.starter != null) {
			this.starter.close();
		}
		if (this.workerFactory != null) {
			this.workerFactory.shutdownNow();
			this.workerFactory.awaitTermination(5, TimeUnit.SECONDS);
			this.workerService.shutdownNow();
		}
		if (this.service != null) {
			this.service.shutdownNow();
		}
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void unreachableServerIsReportedAndRetriedUntilItAnswers() throws Exception {
		this.starter = new SchemaMigrationStarter(client(), Duration.ofMillis(100), Duration.ofMillis(500));
		this.starter.start();

		await().atMost(Duration.ofSeconds(20)).until(() -> this.starter.lastFailure().isPresent());
		assertThat(this.starter.isComplete()).isFalse();
		assertThat(this.starter.runId()).isEmpty();

		this.server = TestServer.createPortBoundServer(this.port);
		startWorker(new CountingMigration(0));

		assertThat(this.starter.awaitCompletion(Duration.ofSeconds(30))).isTrue();
		assertThat(this.starter.result()).contains(MIGRATED);
		assertThat(this.starter.lastFailure()).isEmpty();
	}

	@Test
	void failedRunIsFollowedByANewRunOfTheSameId() throws Exception {
		this.server = TestServer.createPortBoundServer(this.port);
		CountingMigration migration = new CountingMigration(1);
		startWorker(migration);
		this.starter = new SchemaMigrationStarter(client(), Duration.ofMillis(100), Duration.ofMillis(500));
		this.starter.start();

		assertThat(this.starter.awaitCompletion(Duration.ofSeconds(30))).isTrue();
		assertThat(this.starter.result()).contains(MIGRATED);
		assertThat(migration.runIds).hasSize(2).doesNotHaveDuplicates();
		assertThat(this.starter.runId()).contains(migration.runIds.get(1));
	}

	private WorkflowClient client() {
		if (this.service == null) {
			// Give up on one call quickly, so that the starter's own backoff is what this test observes.
			this.service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
				.setTarget("127.0.0.1:" + this.port)
				.setRpcRetryOptions(RpcRetryOptions.newBuilder()
					.setInitialInterval(Duration.ofMillis(50))
					.setExpiration(Duration.ofMillis(500))
					.validateBuildWithDefaults())
				.build());
		}
		return WorkflowClient.newInstance(this.service);
	}

	/** The worker has its own connection, as it would in its own process. */
	private void startWorker(SchemaMigrationActivities activities) {
		this.workerService = WorkflowServiceStubs
			.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + this.port).build());
		this.workerFactory = WorkerFactory.newInstance(WorkflowClient.newInstance(this.workerService));
		Worker worker = this.workerFactory.newWorker(TaskQueues.MIGRATION);
		worker.registerWorkflowImplementationTypes(SchemaMigrationWorkflowImpl.class);
		worker.registerActivitiesImplementations(activities);
		this.workerFactory.start();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Fails the first {@code failures} runs for good (no activity retry), then migrates; records each run. */
	static final class CountingMigration implements SchemaMigrationActivities {

		final List<String> runIds = new CopyOnWriteArrayList<>();

		private final int failures;

		CountingMigration(int failures) {
			this.failures = failures;
		}

		@Override
		public MigrationResult applyMigrations() {
			this.runIds.add(Activity.getExecutionContext().getInfo().getRunId());
			if (this.runIds.size() <= this.failures) {
				throw ApplicationFailure.newNonRetryableFailure("checksum mismatch", "SCHEMA_VALIDATION_FAILED");
			}
			return MIGRATED;
		}

	}

}
