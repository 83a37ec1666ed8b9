package io.scriptorium.worker.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scriptorium.workflows.TaskQueues;
import io.scriptorium.workflows.ingestion.IngestionWorkflowImpl;
import io.scriptorium.workflows.migration.SchemaMigrationWorkflowImpl;
import io.scriptorium.workflows.webhooks.WebhookDeliveryWorkflowImpl;
import io.scriptorium.workflows.webhooks.WebhookDispatchWorkflowImpl;
import io.scriptorium.workflows.testing.TemporalTestNamespace;
import io.scriptorium.workflows.testing.TestDatabase;
import io.temporal.spring.boot.ActivityImpl;
import io.temporal.spring.boot.autoconfigure.template.WorkersTemplate;
import io.temporal.spring.boot.autoconfigure.template.WorkersTemplate.RegisteredInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The worker app as configured in application.yml, on a fresh namespace and database: it registers the workflows
 * and every {@code @ActivityImpl} bean on their queues, starts the schema migration workflow, runs it itself with
 * Flyway, and only then reports ready. Office conversion is switched off by configuration, which must leave the
 * office queue unpolled.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class WorkerStartupIT {

	private static final TemporalTestNamespace NAMESPACE = TemporalTestNamespace.create("worker-startup-it");

	private static final TestDatabase DATABASE = TestDatabase.createEmpty();

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private WorkersTemplate workers;

	@Autowired
	private ApplicationContext context;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void namespaceAndDatabase(DynamicPropertyRegistry registry) {
		registry.add("spring.temporal.namespace", NAMESPACE::name);
		registry.add("spring.datasource.url", DATABASE::url);
		registry.add("scriptorium.conversion.enabled", () -> "false");
	}

	@AfterAll
	static void dropDatabase() throws SQLException {
		DATABASE.close();
	}

	@Test
	void registersWorkflowsOnTheirQueuesAndEveryActivityBeanOnTheQueueItNames() {
		Map<String, RegisteredInfo> registered = this.workers.getRegisteredInfo();

		assertThat(registered).containsOnlyKeys(TaskQueues.MIGRATION, TaskQueues.INGESTION, TaskQueues.WEBHOOKS);
		assertThat(registered.get(TaskQueues.MIGRATION).isWorkflowRegistered(SchemaMigrationWorkflowImpl.class))
			.isTrue();
		assertThat(registered.get(TaskQueues.INGESTION).isWorkflowRegistered(IngestionWorkflowImpl.class)).isTrue();
		assertThat(registered.get(TaskQueues.WEBHOOKS).isWorkflowRegistered(WebhookDispatchWorkflowImpl.class))
			.isTrue();
		assertThat(registered.get(TaskQueues.WEBHOOKS).isWorkflowRegistered(WebhookDeliveryWorkflowImpl.class))
			.isTrue();
		assertThat(registered.get(TaskQueues.MIGRATION).isActivityRegistered("schemaMigrationActivitiesImpl")).isTrue();
		Map<String, Object> activityBeans = this.context.getBeansWithAnnotation(ActivityImpl.class);
		assertThat(activityBeans).containsKey("schemaMigrationActivitiesImpl");
		activityBeans.forEach((name, bean) -> {
			ActivityImpl annotation = AnnotationUtils.findAnnotation(AopUtils.getTargetClass(bean), ActivityImpl.class);
			for (String taskQueue : annotation.taskQueues()) {
				assertThat(registered.get(taskQueue)).as("worker for %s", taskQueue).isNotNull();
				assertThat(registered.get(taskQueue).isActivityRegistered(name)).as("%s on %s", name, taskQueue)
					.isTrue();
			}
		});
	}

	@Test
	void becomesReadyOnceItsOwnWorkerHasMigratedTheTestDatabase() throws Exception {
		assertThat(status("liveness")).isEqualTo(200);
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> status("readiness") == 200);

		JdbcTemplate jdbc = new JdbcTemplate(DATABASE.dataSource());
		assertThat(jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE version = '1'", Integer.class))
			.isEqualTo(1);
		assertThat(jdbc.queryForObject("SELECT to_regclass('chunks') IS NOT NULL", Boolean.class)).isTrue();
	}

	private int status(String probe) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health/" + probe))
			.timeout(Duration.ofSeconds(10))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}


}
