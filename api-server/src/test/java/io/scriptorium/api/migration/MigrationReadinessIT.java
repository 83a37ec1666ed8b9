package io.scriptorium.api.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scriptorium.workflows.TaskQueues;
import io.scriptorium.workflows.migration.MigrationResult;
import io.scriptorium.workflows.migration.SchemaMigrationActivities;
import io.scriptorium.workflows.migration.SchemaMigrationWorkflowImpl;
import io.scriptorium.workflows.testing.TemporalTestNamespace;
import io.scriptorium.workflows.testing.TestDatabase;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The api-server against a fresh namespace in which no worker polls the migration queue: it starts and is live, but
 * not ready, until a worker runs the migration workflow the api-server started. The migration activity here is held
 * by the test, so that "not ready while migrating" is observed, not guessed; the real Flyway activity is covered by
 * the worker's {@code SchemaMigrationWorkflowIT}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MigrationReadinessIT {

	private static final TemporalTestNamespace NAMESPACE = TemporalTestNamespace.create("migration-readiness-it");

	private static final TestDatabase DATABASE = TestDatabase.createEmpty();

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private WorkerFactory workerFactory;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void namespaceAndDatabase(DynamicPropertyRegistry registry) {
		registry.add("spring.temporal.namespace", NAMESPACE::name);
		registry.add("spring.datasource.url", DATABASE::url);
		registry.add("scriptorium.migration.retry-initial-interval", () -> "200ms");
		registry.add("scriptorium.migration.retry-max-interval", () -> "1s");
	}

	@AfterEach
	void stopWorker() throws InterruptedException {
		if (this.workerFactory != null) {
			this.workerFactory.shutdownNow();
			this.workerFactory.awaitTermination(10, TimeUnit.SECONDS);
		}
	}

	@AfterAll
	static void dropDatabase() throws SQLException {
		DATABASE.close();
	}

	@Test
	void readinessIsDownUntilTheMigrationWorkflowSucceededWhileLivenessStaysUp() throws Exception {
		assertProbe("liveness", 200, "UP");
		JsonNode notReady = assertProbe("readiness", 503, "DOWN");
		assertThat(notReady.at("/components/migration/status").asString()).isEqualTo("DOWN");
		assertThat(notReady.at("/components/temporal/status").asString()).isEqualTo("UP");
		assertThat(notReady.at("/components/db/status").asString()).isEqualTo("UP");

		HeldMigration migration = new HeldMigration();
		startMigrationWorker(migration);
		assertThat(migration.started.await(30, TimeUnit.SECONDS)).as("migration activity started").isTrue();
		assertProbe("readiness", 503, "DOWN");
		assertProbe("liveness", 200, "UP");

		migration.release.countDown();
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> probe("readiness").statusCode() == 200);
		JsonNode ready = assertProbe("readiness", 200, "UP");
		assertThat(ready.at("/components/migration/details/schemaVersion").asString()).isEqualTo("7");
	}

	private void startMigrationWorker(SchemaMigrationActivities activities) {
		this.workerFactory = WorkerFactory.newInstance(NAMESPACE.newClient());
		Worker worker = this.workerFactory.newWorker(TaskQueues.MIGRATION);
		worker.registerWorkflowImplementationTypes(SchemaMigrationWorkflowImpl.class);
		worker.registerActivitiesImplementations(activities);
		this.workerFactory.start();
	}

	private JsonNode assertProbe(String probe, int expectedStatusCode, String expectedStatus) throws Exception {
		HttpResponse<String> response = probe(probe);
		assertThat(response.statusCode()).as("%s: %s", probe, response.body()).isEqualTo(expectedStatusCode);
		JsonNode body = this.json.readTree(response.body());
		assertThat(body.path("status").asString()).isEqualTo(expectedStatus);
		return body;
	}

	private HttpResponse<String> probe(String probe) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health/" + probe))
			.timeout(Duration.ofSeconds(10))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** Reports when Temporal dispatched it, then holds until the test releases it. */
	static final class HeldMigration implements SchemaMigrationActivities {

		final CountDownLatch started = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@Override
		public MigrationResult applyMigrations() {
			this.started.countDown();
			try {
				if (!this.release.await(60, TimeUnit.SECONDS)) {
					throw new IllegalStateException("the test never released the migration");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			return new MigrationResult(List.of("7"), "7");
		}

	}

}
