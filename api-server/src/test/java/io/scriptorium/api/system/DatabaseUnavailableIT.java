package io.scriptorium.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.scriptorium.api.system.ApiClient.Response;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * With no database to reach, requests that need it answer 503 UNAVAILABLE as a problem detail, without internals;
 * requests that do not need it (the OpenAPI description) still work.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:postgresql://127.0.0.1:1/scriptorium",
				"spring.datasource.hikari.connection-timeout=1000",
				"spring.temporal.namespace=scriptorium-unused-namespace" })
@Timeout(120)
class DatabaseUnavailableIT {

	@LocalServerPort
	int port;

	ApiClient api;

	@BeforeEach
	void client() {
		this.api = ApiClient.onPort(this.port);
	}

	@Test
	void statusRequestAnswersUnavailableWithoutInternals() {
		Response response = this.api.get("/api/v1/documents/" + UUID.randomUUID());

		assertThat(response.status()).isEqualTo(503);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.code()).isEqualTo("UNAVAILABLE");
		assertThat(response.body()).doesNotContain("Exception", "jdbc:", "at org.");
	}

	@Test
	void uploadAnswersUnavailable() {
		Response response = this.api.upload("note.txt", "words".getBytes(StandardCharsets.UTF_8));

		assertThat(response.status()).isEqualTo(503);
		assertThat(response.code()).isEqualTo("UNAVAILABLE");
	}

	@Test
	void openApiDescriptionListsTheEndpoints() {
		Response docs = this.api.get("/v3/api-docs");
		Response ui = this.api.get("/swagger-ui.html");

		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.json().get("info").get("title").asString()).isEqualTo("Scriptorium API");
		assertThat(docs.json().get("paths").propertyNames()).contains("/api/v1/documents", "/api/v1/documents/{id}",
				"/api/v1/documents/{id}/chunks", "/api/v1/documents/{id}/retry", "/api/v1/search");
		assertThat(ui.status()).isEqualTo(302);
		assertThat(this.api.get(ui.location()).status()).isEqualTo(200);
	}

	@Test
	void unknownPathIsAProblemDetail() {
		Response response = this.api.get("/api/v1/nothing-here");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.code()).isEqualTo("INVALID_REQUEST");
	}

}
