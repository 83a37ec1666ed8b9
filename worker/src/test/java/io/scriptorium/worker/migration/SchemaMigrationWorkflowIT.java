package io.scriptorium.worker.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scriptorium.workflows.TaskQueues;
import io.scriptorium.workflows.WorkflowIds;
import io.scriptorium.workflows.migration.MigrationResult;
import io.scriptorium.workflows.migration.SchemaMigrationStarter;
import io.scriptorium.workflows.migration.SchemaMigrationWorkflowImpl;
import io.scriptorium.workflows.testing.TemporalTestNamespace;
import io.scriptorium.workflows.testing.TestDatabase;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The migration as a singleton on the real Temporal server and a fresh database: several starters race before any
 * worker polls, all join one run, and Flyway applies each version once. The second test builds on the first: a
 * deploy that brings a new migration runs the same workflow ID again and applies only that.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SchemaMigrationWorkflowIT {

	private static final int STARTERS = 5;

	private static final Duration MIGRATION_TIMEOUT = Duration.ofSeconds(60);

	private static final String EXTRA_LOCATION = "classpath:db/migration-extra";

	private TemporalTestNamespace namespace;

	private TestDatabase database;

	private JdbcTemplate jdbc;

	private final List<SchemaMigrationStarter> starters = new ArrayList<>();

	private WorkerFactory workerFactory;

	private String firstRunId;

	@BeforeAll
	void createNamespaceAndDatabase() throws Exception {
		this.namespace = TemporalTestNamespace.create("schema-migration-it");
		this.database = TestDatabase.createEmpty();
		this.jdbc = new JdbcTemplate(this.database.dataSource());
	}

	@AfterAll
	void dropDatabase() throws Exception {
		this.database.close();
	}

	@AfterEach
	void stopStartersAndWorker() throws InterruptedException {
		this.starters.forEach(SchemaMigrationStarter::close);
		this.starters.clear();
		if (this.workerFactory != null) {
			this.workerFactory.shutdownNow();
			this.workerFactory.awaitTermination(10, TimeUnit.SECONDS);
			this.workerFactory = null;
		}
	}

	@Test
	@Order(1)
	void concurrentStartersJoinOneRunThatAppliesEachMigrationOnce() throws Exception {
		startConcurrently();
		String runId = awaitAllJoinedOneRun();

		Flyway flyway = flyway("classpath:db/migration");
		startWorker(flyway);
		List<MigrationResult> results = awaitResults();

		Set<String> expectedVersions = Arrays.stream(flyway.info().all())
			.map((info) -> info.getVersion().getVersion())
			.collect(Collectors.toSet());
		assertThat(expectedVersions).contains("1");
		assertThat(flyway.info().pending()).isEmpty();
		assertThat(results).allSatisfy((result) -> {
			assertThat(result.appliedVersions()).containsExactlyInAnyOrderElementsOf(expectedVersions);
			assertThat(result).isEqualTo(results.get(0));
		});
		assertThat(this.starters).allSatisfy((starter) -> assertThat(starter.runId()).contains(runId));
		assertThat(awaitCompletedRuns(Set.of(runId))).hasSize(1);
		assertThat(versionCounts()).containsOnlyKeys(expectedVersions).allSatisfy((version, count) -> {
			assertThat(count).as("rows for version %s", version).isEqualTo(1);
		});
		this.firstRunId = runId;
	}

	@Test
	@Order(2)
	void laterRunOfTheSameIdAppliesOnlyTheNewMigration() throws Exception {
		assertThat(this.firstRunId).as("the first test ran").isNotNull();
		Map<String, Long> before = versionCounts();

		startConcurrently();
		String runId = awaitAllJoinedOneRun();
		assertThat(runId).isNotEqualTo(this.firstRunId);

		startWorker(flyway("classpath:db/migration", EXTRA_LOCATION));
		List<MigrationResult> results = awaitResults();

		assertThat(results).allSatisfy((result) -> assertThat(result.appliedVersions()).containsExactly("9999"));
		assertThat(results.get(0).schemaVersion()).isEqualTo("9999");
		assertThat(awaitCompletedRuns(Set.of(this.firstRunId, runId))).hasSize(2);
		Map<String, Long> after = versionCounts();
		assertThat(after).hasSize(before.size() + 1).containsAllEntriesOf(before).containsEntry("9999", 1L);
		assertThat(this.jdbc.queryForObject("SELECT to_regclass('schema_migration_it_marker') IS NOT NULL",
				Boolean.class))
			.isTrue();
	}

	/** Each starter gets its own client, as separate replicas would, and they are released at once. */
	private void startConcurrently() throws Exception {
		CyclicBarrier barrier = new CyclicBarrier(STARTERS);
		ExecutorService threads = Executors.newFixedThreadPool(STARTERS);
		try {
			List<Future<SchemaMigrationStarter>> futures = new ArrayList<>();
			for (int i = 0; i < STARTERS; i++) {
				futures.add(threads.submit(() -> {
					SchemaMigrationStarter starter = new SchemaMigrationStarter(this.namespace.newClient(),
							Duration.ofMillis(200), Duration.ofSeconds(2));
					barrier.await(10, TimeUnit.SECONDS);
					starter.start();
					return starter;
				}));
			}
			for (var future : futures) {
				this.starters.add(future.get(30, TimeUnit.SECONDS));
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	/** All starters have started or joined a run while no worker polls; returns that run, which must be one. */
	private String awaitAllJoinedOneRun() {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.starters.stream().allMatch((starter) -> starter.runId().isPresent()));
		assertThat(this.starters).noneMatch(SchemaMigrationStarter::isComplete);
		Set<String> runIds = this.starters.stream()
			.map((starter) -> starter.runId().orElseThrow())
			.collect(Collectors.toSet());
		assertThat(runIds).hasSize(1);
		return runIds.iterator().next();
	}

	private List<MigrationResult> awaitResults() throws InterruptedException {
		List<MigrationResult> results = new ArrayList<>();
		for (SchemaMigrationStarter starter : this.starters) {
			assertThat(starter.awaitCompletion(MIGRATION_TIMEOUT)).as("migration completed").isTrue();
			results.add(starter.result().orElseThrow());
		}
		return results;
	}

	/**
	 * Every execution of the migration ID in this test's namespace, once visibility shows the given runs completed
	 * (visibility is updated asynchronously).
	 */
	private List<WorkflowExecutionMetadata> awaitCompletedRuns(Set<String> runIds) {
		WorkflowClient client = this.namespace.newClient();
		String query = "WorkflowId = '" + WorkflowIds.SCHEMA_MIGRATION + "'";
		await().atMost(Duration.ofSeconds(30)).until(() -> client.listExecutions(query)
			.filter((execution) -> execution.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED)
			.map((execution) -> execution.getExecution().getRunId())
			.collect(Collectors.toSet())
			.containsAll(runIds));
		List<WorkflowExecutionMetadata> executions = client.listExecutions(query).toList();
		assertThat(executions).extracting((execution) -> execution.getExecution().getRunId())
			.containsExactlyInAnyOrderElementsOf(runIds);
		assertThat(client.countWorkflows(query).getCount()).isEqualTo(runIds.size());
		return executions;
	}

	private Map<String, Long> versionCounts() {
		return this.jdbc
			.queryForList("SELECT version, count(*) AS n FROM flyway_schema_history WHERE version IS NOT NULL "
					+ "GROUP BY version")
			.stream()
			.collect(Collectors.toMap((row) -> (String) row.get("version"), (row) -> ((Number) row.get("n")).longValue()));
	}

	private Flyway flyway(String... locations) {
		return Flyway.configure().dataSource(this.database.dataSource()).locations(locations).load();
	}

	private void startWorker(Flyway flyway) {
		this.workerFactory = WorkerFactory.newInstance(this.namespace.newClient());
		Worker worker = this.workerFactory.newWorker(TaskQueues.MIGRATION);
		worker.registerWorkflowImplementationTypes(SchemaMigrationWorkflowImpl.class);
		worker.registerActivitiesImplementations(new SchemaMigrationActivitiesImpl(flyway));
		this.workerFactory.start();
	}

}
