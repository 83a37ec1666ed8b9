package io.scriptorium.api.observability;

import static io.scriptorium.workflows.testing.PrometheusText.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.scriptorium.client.ApiException;
import io.scriptorium.client.ScriptoriumClient;
import io.scriptorium.client.UploadOptions;
import io.scriptorium.workflows.testing.TemporalTestNamespace;
import io.scriptorium.workflows.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The API's own meters on {@code /actuator/prometheus}, against the real PostgreSQL and Temporal server: documents
 * by status from the rows, uploads by outcome from real uploads. No worker runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Timeout(120)
class ApiMetricsIT {

	static final TestDatabase database = TestDatabase.create();

	static final TemporalTestNamespace temporal = TemporalTestNamespace.create("api-metrics");

	@LocalServerPort
	int port;

	ScriptoriumClient api;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("spring.temporal.namespace", temporal::name);
	}

	@AfterAll
	static void dropDatabase() {
		database.drop();
	}

	@BeforeEach
	void client() {
		this.api = new ScriptoriumClient(URI.create("http://127.0.0.1:" + this.port), null);
	}

	@Test
	void documentsGaugeCountsRowsByStatusAndShowsZeroForAnEmptyStatus() throws Exception {
		insertDocument("READY");
		insertDocument("READY");
		insertDocument("FAILED");

		// The counts are cached for a few seconds; an earlier scrape may still be served.
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			String scrape = scrape();
			assertThat(sample(scrape, "scriptorium_documents", Map.of("status", "READY"))).contains(2.0);
			assertThat(sample(scrape, "scriptorium_documents", Map.of("status", "FAILED"))).contains(1.0);
			assertThat(sample(scrape, "scriptorium_documents", Map.of("status", "CANCELLED"))).contains(0.0);
		});
	}

	@Test
	void uploadsAreCountedByOutcome() throws Exception {
		byte[] text = ("Metrics upload " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);

		assertThat(this.api.upload("metrics.txt", text, UploadOptions.NONE).started()).isTrue();
		assertThat(this.api.upload("metrics-again.txt", text, UploadOptions.NONE).started()).isFalse();
		assertThat(catchThrowableOfType(ApiException.class,
				() -> this.api.upload("empty.txt", new byte[0], UploadOptions.NONE)).status()).isEqualTo(400);

		String scrape = scrape();
		assertThat(sample(scrape, "scriptorium_uploads_total", Map.of("outcome", "accepted"))).contains(1.0);
		assertThat(sample(scrape, "scriptorium_uploads_total", Map.of("outcome", "duplicate"))).contains(1.0);
		assertThat(sample(scrape, "scriptorium_uploads_total", Map.of("outcome", "rejected"))).contains(1.0);
		assertThat(sample(scrape, "scriptorium_uploads_total", Map.of("outcome", "failed"))).isEmpty();
	}

	/** Not a call of the API's client: the meters are the operators', on the actuator. */
	private String scrape() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient().send(
				HttpRequest.newBuilder(URI.create(this.api.base() + "/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private static void insertDocument(String status) throws Exception {
		UUID id = UUID.randomUUID();
		try (Connection connection = database.connect(); PreparedStatement insert = connection.prepareStatement(
				"INSERT INTO documents (id, filename, content_type, sha256, size_bytes, status, stage, workflow_id)"
						+ " VALUES (?, 'm.pdf', 'PDF', ?, 1, ?, 'DONE', ?)")) {
			insert.setObject(1, id);
			insert.setString(2, (id.toString().replace("-", "") + id.toString().replace("-", "")));
			insert.setString(3, status);
			insert.setString(4, "document-" + id);
			insert.executeUpdate();
		}
	}

}
