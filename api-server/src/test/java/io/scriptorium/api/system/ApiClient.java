package io.scriptorium.api.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to a running api-server over real HTTP, as a client would. */
public final class ApiClient {

	private final String baseUrl;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	public ApiClient(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public static ApiClient onPort(int port) {
		return new ApiClient("http://127.0.0.1:" + port);
	}

	/** {@code POST /api/v1/documents} with a multipart field {@code file}. */
	public Response upload(String filename, byte[] content, String query) {
		return upload("file", filename, content, query);
	}

	/** A multipart upload with the file in the part named {@code field}. */
	public Response upload(String field, String filename, byte[] content, String query) {
		String boundary = "----scriptorium" + UUID.randomUUID();
		List<byte[]> parts = new ArrayList<>();
		parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename
				+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		parts.add(content);
		parts.add(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(this.baseUrl + "/api/v1/documents" + ((query != null) ? "?" + query : "")))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArrays(parts))
			.build();
		return send(request);
	}

	public Response upload(String filename, byte[] content) {
		return upload(filename, content, null);
	}

	/** @param path a path, or an absolute URL (as a redirect's Location may be) */
	public Response get(String path) {
		String url = path.startsWith("http") ? path : this.baseUrl + path;
		return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build());
	}

	public Response post(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
	}

	public Response postJson(String path, String json) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	public Response delete(String path) {
		return send(
				HttpRequest.newBuilder(URI.create(this.baseUrl + path)).timeout(Duration.ofSeconds(30)).DELETE().build());
	}

	public Response search(String q, int k) {
		return get("/api/v1/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&k=" + k);
	}

	private Response send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			String body = response.body();
			String contentType = response.headers().firstValue("Content-Type").orElse("");
			JsonNode node = (contentType.contains("json") && !body.isBlank()) ? this.json.readTree(body) : null;
			return new Response(response.statusCode(), response.headers().firstValue("Location").orElse(null),
					contentType, node, body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** @param json the parsed body, null if there is none */
	public record Response(int status, String location, String contentType, JsonNode json, String body) {

		/** The problem detail's {@code code}, or null. */
		public String code() {
			return (this.json != null && this.json.has("code")) ? this.json.get("code").asString() : null;
		}

	}

}
