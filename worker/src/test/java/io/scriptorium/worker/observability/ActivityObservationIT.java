package io.scriptorium.worker.observability;

import static io.scriptorium.workflows.testing.PrometheusText.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.scriptorium.workflows.TaskQueues;
import io.scriptorium.workflows.document.DocumentStatus;
import io.scriptorium.workflows.document.DocumentType;
import io.scriptorium.workflows.ingestion.IngestionRequest;
import io.scriptorium.workflows.ingestion.IngestionResult;
import io.scriptorium.workflows.ingestion.IngestionWorkflow;
import io.scriptorium.workflows.ingestion.IngestionWorkflowOptions;
import io.scriptorium.workflows.testing.TemporalTestNamespace;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The interceptor on a real Temporal worker, wired by the Temporal starter as in the worker app: the real
 * ingestion workflow runs two documents through stand-in activities (one converts, one fails conversion as
 * encrypted), and the Prometheus scrape then shows the pipeline's counters with those runs' counts next to the
 * SDK's own {@code temporal_} meters. Logs are JSON (the documented {@code SCRIPTORIUM_LOG_FORMAT=ecs}), and a line
 * logged inside an activity names its document, workflow and activity type.
 */
@SpringBootTest(classes = ActivityObservationIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "SCRIPTORIUM_LOG_FORMAT=ecs",
				// Only the Temporal worker, the actuator and these beans: no database, no migration.
				"spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
						+ "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration,"
						+ "io.scriptorium.workflows.boot.ScriptoriumAppAutoConfiguration",
				"management.endpoint.health.validate-group-membership=false" })
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ActivityObservationIT {

	private static final TemporalTestNamespace NAMESPACE = TemporalTestNamespace.create("observation-it");

	private final UUID readyDocument = UUID.randomUUID();

	private final UUID encryptedDocument = UUID.randomUUID();

	@Autowired
	private WorkflowClient client;

	@Autowired
	private PrometheusMeterRegistry prometheus;

	@Autowired
	private WorkerFactory workers;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void namespace(DynamicPropertyRegistry registry) {
		registry.add("spring.temporal.namespace", NAMESPACE::name);
	}

	@BeforeAll
	void ingestTwoDocuments() {
		IngestionResult ready = start(this.readyDocument, "report.docx");
		assertThat(ready.status()).isEqualTo(DocumentStatus.READY);
		try {
			start(this.encryptedDocument, FakePipelineActivities.ENCRYPTED);
		}
		catch (WorkflowFailedException expected) {
			// The run fails with the code as its type; the metrics below are what this test is about.
		}
	}

	@Test
	void scrapeCountsPagesChunksBatchesAndConversionFailuresOfTheRuns() {
		String scrape = this.prometheus.scrape();

		assertThat(sample(scrape, "scriptorium_pages_processed_total", Map.of()))
			.contains((double) FakePipelineActivities.PAGES);
		assertThat(sample(scrape, "scriptorium_chunks_embedded_total", Map.of()))
			.contains((double) FakePipelineActivities.CHUNKS);
		// 10 chunks in batches of 4: three embedding attempts, each with its own throughput sample.
		assertThat(sample(scrape, "scriptorium_stage_duration_seconds_count",
				Map.of("stage", "embed", "activity", "EmbedChunks", "outcome", "success")))
			.contains(3.0);
		assertThat(sample(scrape, "scriptorium_embedding_throughput_count", Map.of())).contains(3.0);
		assertThat(sample(scrape, "scriptorium_stage_duration_seconds_count",
				Map.of("stage", "parse", "activity", "ExtractAndChunkText", "outcome", "success")))
			.contains(1.0);
		assertThat(sample(scrape, "scriptorium_stage_duration_seconds_count",
				Map.of("stage", "convert", "activity", "ConvertToPdf", "outcome", "failure")))
			.contains(1.0);
		assertThat(sample(scrape, "scriptorium_conversion_failures_total", Map.of("code", "ENCRYPTED_DOCUMENT")))
			.contains(1.0);
		assertThat(sample(scrape, "scriptorium_stage_failures_total",
				Map.of("stage", "convert", "code", "ENCRYPTED_DOCUMENT")))
			.contains(1.0);
	}

	@Test
	void temporalSdkMetersReachTheSameRegistry() {
		// The starter's tally scope reports to Micrometer every 10 seconds.
		await().atMost(Duration.ofSeconds(40))
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(this.prometheus.scrape())
				.contains("temporal_activity_execution_latency_seconds")
				.contains("temporal_workflow_completed_total"));
	}

	@Test
	void prometheusEndpointServesThePipelineMeters() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/prometheus"))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("scriptorium_chunks_embedded_total")
			.contains("scriptorium_stage_duration_seconds_bucket{");
	}

	@Test
	void jsonLogLineWrittenInsideAnActivityNamesItsDocumentWorkflowAndActivity(CapturedOutput output) {
		// The extension captures from before @BeforeAll on, so the runs above are in the output.
		Map<String, Object> line = Arrays.stream(output.getOut().split("\\R"))
			.filter((text) -> text.startsWith("{") && text.contains(FakePipelineActivities.PARSING_LOG_LINE))
			.map((text) -> JsonParserFactory.getJsonParser().parseMap(text))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no JSON line from the parsing activity in:\n" + output.getOut()));
		assertThat(line).containsEntry(LogFields.DOCUMENT_ID, this.readyDocument.toString())
			.containsEntry(LogFields.WORKFLOW_ID, "document-" + this.readyDocument)
			.containsEntry(LogFields.ACTIVITY_TYPE, "ExtractAndChunkText")
			.containsEntry("message", FakePipelineActivities.PARSING_LOG_LINE);
	}

	@Test
	void ingestionWorkerRunsWithTheCapacityOfApplicationYml() {
		WorkerOptions options = this.workers.getWorker(TaskQueues.INGESTION).getWorkerOptions();

		assertThat(options.getMaxConcurrentActivityExecutionSize()).isEqualTo(4);
		assertThat(options.getMaxConcurrentWorkflowTaskExecutionSize()).isEqualTo(8);
		assertThat(options.getMaxConcurrentActivityTaskPollers()).isEqualTo(2);
	}

	private IngestionResult start(UUID documentId, String filename) {
		IngestionRequest request = new IngestionRequest(documentId, filename, DocumentType.DOCX, 1_000);
		return this.client.newWorkflowStub(IngestionWorkflow.class, IngestionWorkflowOptions.forRequest(request))
			.ingest(request);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ PipelineMetrics.class, ActivityObservationInterceptor.class, FakePipelineActivities.Office.class,
			FakePipelineActivities.Ingestion.class })
	static class App {

	}

}
