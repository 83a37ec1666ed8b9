package io.scriptorium.api.observability;

import static io.scriptorium.workflows.testing.PrometheusText.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scriptorium.api.system.ApiClient;
import io.scriptorium.api.system.ApiClient.Response;
import io.scriptorium.workflows.testing.TemporalTestNamespace;
import io.scriptorium.workflows.testing.TestDatabase;
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

	ApiClient api;

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
		this.api = ApiClient.onPort(this.port);
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
	void uploadsAreCountedByOutcome() {
		byte[] text = ("Metrics upload " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);

		assertThat(this.api.upload("metrics.txt", text).status()).isEqualTo(202);
		assertThat(this.api.upload("metrics-again.txt", text).status()).isEqualTo(200);
		assertThat(this.api.upload("empty.txt", new byte[0]).status()).isEqualTo(400);

		String scrape = scrape();
		assertThat(sample(scrape, "scriptorium_uploads_total", Map.of("outcome", "accepted"))).contains(1.0);
		assertThat(sample(scrape, "scriptorium_uploads_total", Map.of("outcome", "duplicate"))).contains(1.0);
		assertThat(sample(scrape, "scriptorium_uploads_total", Map.of("outcome", "rejected"))).contains(1.0);
		assertThat(sample(scrape, "scriptorium_uploads_total", Map.of("outcome", "failed"))).isEmpty();
	}

	private String scrape() {
		Response response = this.api.get("/actuator/prometheus");
		assertThat(response.status()).isEqualTo(200);
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
