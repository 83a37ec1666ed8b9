package io.scriptorium.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/** The few calls of the public HTTP API the benchmark makes. */
final class ApiClient {

	static final Set<String> TERMINAL = Set.of("READY", "FAILED", "CANCELLED");

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	ApiClient(String base) {
		this.base = base;
	}

	boolean ready() {
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(URI.create(this.base + "/actuator/health/readiness")).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Uploads a file and returns its document id (a new run starts when {@code reprocess} or the bytes are new). */
	UUID upload(Path file, boolean reprocess) throws IOException, InterruptedException {
		String boundary = "bench" + UUID.randomUUID().toString().replace("-", "");
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
				+ file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.write(Files.readAllBytes(file));
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.base + "/api/v1/documents?reprocess=" + reprocess))
			.timeout(Duration.ofMinutes(2))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() / 100 != 2) {
			throw new IOException("upload of " + file.getFileName() + " answered " + response.statusCode() + ": "
					+ response.body());
		}
		return UUID.fromString(JSON.readTree(response.body()).path("id").asText());
	}

	JsonNode document(UUID id) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(this.base + "/api/v1/documents/" + id))
					.timeout(Duration.ofSeconds(30))
					.GET()
					.build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IOException("document " + id + " answered " + response.statusCode());
		}
		return JSON.readTree(response.body());
	}

	/** Deletes a document (the API cancels its workflow first if it runs). */
	void delete(UUID id) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(this.base + "/api/v1/documents/" + id))
					.timeout(Duration.ofSeconds(30))
					.DELETE()
					.build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() / 100 != 2 && response.statusCode() != 404) {
			throw new IOException("delete of document " + id + " answered " + response.statusCode());
		}
	}

	/** @return the number of results of a top-k search */
	int search(String query, int k) throws IOException, InterruptedException {
		String url = this.base + "/api/v1/search?k=" + k + "&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IOException("search answered " + response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body()).path("results").size();
	}

}
