package io.scriptorium.api.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.scriptorium.client.ApiException;
import io.scriptorium.client.ScriptoriumClient;
import io.scriptorium.client.UploadOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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

	ScriptoriumClient api;

	@BeforeEach
	void client() {
		this.api = new ScriptoriumClient(URI.create("http://127.0.0.1:" + this.port), null);
	}

	@Test
	void statusRequestAnswersUnavailableWithoutInternals() throws Exception {
		HttpResponse<String> response = get("/api/v1/documents/" + UUID.randomUUID());

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"code\":\"UNAVAILABLE\"").doesNotContain("Exception", "jdbc:", "at org.");
	}

	@Test
	void uploadAnswersUnavailable() {
		ApiException unavailable = catchThrowableOfType(ApiException.class,
				() -> this.api.upload("note.txt", "words".getBytes(StandardCharsets.UTF_8), UploadOptions.NONE));

		assertThat(unavailable.status()).isEqualTo(503);
		assertThat(unavailable.code()).isEqualTo("UNAVAILABLE");
	}

	@Test
	void openApiDescriptionListsTheEndpoints() throws Exception {
		HttpResponse<String> docs = get("/v3/api-docs");
		HttpResponse<String> ui = get("/swagger-ui.html");

		assertThat(docs.statusCode()).isEqualTo(200);
		JsonNode description = JsonMapper.builder().build().readTree(docs.body());
		assertThat(description.get("info").get("title").asString()).isEqualTo("Scriptorium API");
		assertThat(description.get("paths").propertyNames()).contains("/api/v1/documents", "/api/v1/documents/{id}",
				"/api/v1/documents/{id}/chunks", "/api/v1/documents/{id}/retry", "/api/v1/search");
		assertThat(ui.statusCode()).isEqualTo(302);
		assertThat(get(ui.headers().firstValue("Location").orElseThrow()).statusCode()).isEqualTo(200);
	}

	@Test
	void unknownPathIsAProblemDetail() throws Exception {
		HttpResponse<String> response = get("/api/v1/nothing-here");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"code\":\"INVALID_REQUEST\"");
	}

	/**
	 * What is not a call of the API's client: the problem's wire format, the OpenAPI pages, a path the API does not
	 * have. {@code path} may be absolute (a redirect's Location).
	 */
	private HttpResponse<String> get(String path) throws Exception {
		URI uri = path.startsWith("http") ? URI.create(path) : URI.create(this.api.base() + path);
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
	}

}
