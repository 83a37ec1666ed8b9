package io.scriptorium.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The calls of Scriptorium's HTTP API ({@code /api/v1}, and its readiness probe), with its bearer token. Uploads
 * stream the file from disk, so a large file is never held in memory. Every answer that is not a success is an
 * {@link ApiException} with the problem's status and code.
 */
public final class ScriptoriumClient {

	/** Where the API is, unless {@code SCRIPTORIUM_URL} says otherwise: the local stack's. */
	public static final String DEFAULT_URL = "http://127.0.0.1:8080";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final URI base;

	private final String token;

	/**
	 * @param base the API's address, e.g. {@code http://127.0.0.1:8080}
	 * @param token its bearer token, or null for an API without one (local development)
	 */
	public ScriptoriumClient(URI base, String token) {
		String url = base.toString();
		this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
		this.token = (token == null || token.isBlank()) ? null : token.strip();
	}

	/** The client of {@code SCRIPTORIUM_URL} (default {@value #DEFAULT_URL}) with {@code SCRIPTORIUM_API_TOKEN}. */
	public static ScriptoriumClient fromEnvironment() {
		String url = System.getenv("SCRIPTORIUM_URL");
		return new ScriptoriumClient(URI.create((url == null || url.isBlank()) ? DEFAULT_URL : url),
				System.getenv("SCRIPTORIUM_API_TOKEN"));
	}

	public URI base() {
		return this.base;
	}

	/** Uploads a file; the answer comes at once, with the document PENDING (or as it is, for bytes seen before). */
	public Upload upload(Path file, UploadOptions options) throws IOException {
		return upload(file.getFileName().toString(), HttpRequest.BodyPublishers.ofFile(file), options);
	}

	/** Uploads bytes under a file name, as {@link #upload(Path, UploadOptions)} does a file. */
	public Upload upload(String filename, byte[] content, UploadOptions options) throws IOException {
		return upload(filename, HttpRequest.BodyPublishers.ofByteArray(content), options);
	}

	private Upload upload(String filename, HttpRequest.BodyPublisher content, UploadOptions options)
			throws IOException {
		List<String> query = new ArrayList<>();
		if (options.collection() != null) {
			query.add("collection=" + encode(options.collection()));
		}
		if (options.metadata() != null && !options.metadata().isEmpty()) {
			query.add("metadata=" + encode(JSON.writeValueAsString(options.metadata())));
		}
		if (options.ocrLanguage() != null) {
			query.add("language=" + encode(options.ocrLanguage()));
		}
		if (options.reprocess()) {
			query.add("reprocess=true");
		}
		if (options.callbackUrl() != null) {
			query.add("callbackUrl=" + encode(options.callbackUrl()));
		}
		String boundary = "scriptorium" + UUID.randomUUID().toString().replace("-", "");
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
				+ filename.replace("\"", "%22") + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		HttpRequest request = request("/api/v1/documents" + (query.isEmpty() ? "" : "?" + String.join("&", query)),
				Duration.ofMinutes(5))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head), content,
					HttpRequest.BodyPublishers.ofByteArray(tail)))
			.build();
		HttpResponse<String> response = exchange("upload of " + filename, request);
		return new Upload(Document.of(parse(response.body())), response.statusCode() == 202,
				response.headers().firstValue("Location").map(URI::create).orElse(null));
	}

	/** @param progress ask a PROCESSING document's run for its counts too ({@code json().path("progress")}) */
	public Document document(UUID id, boolean progress) throws IOException {
		return Document.of(send("document " + id, request("/api/v1/documents/" + id + "?progress=" + progress,
				Duration.ofSeconds(30)).GET().build()));
	}

	/**
	 * A page of the documents, newest first.
	 *
	 * @param status only documents in this status (PENDING, PROCESSING, READY, FAILED, CANCELLED), or null for all
	 * @param cursor the previous page's {@link DocumentPage#nextCursor()}, or null for the first page
	 */
	public DocumentPage documents(String status, int limit, String cursor) throws IOException {
		String path = "/api/v1/documents?limit=" + limit + ((status != null) ? "&status=" + encode(status) : "")
				+ ((cursor != null) ? "&cursor=" + encode(cursor) : "");
		JsonNode page = send("the document list", request(path, Duration.ofSeconds(30)).GET().build());
		List<Document> documents = new ArrayList<>();
		page.path("items").forEach(item -> documents.add(Document.of(item)));
		JsonNode next = page.path("nextCursor");
		return new DocumentPage(documents, next.isString() ? next.asString() : null);
	}

	/**
	 * A document's chunks in order, as the API gives them ({@code items}: index, text, section, page...;
	 * {@code total}).
	 */
	public JsonNode chunks(UUID id, int offset, int limit) throws IOException {
		return send("chunks of document " + id, request("/api/v1/documents/" + id + "/chunks?offset=" + offset
				+ "&limit=" + limit, Duration.ofSeconds(30)).GET().build());
	}

	/**
	 * The search's answer as the API gives it ({@code results}: chunk, document, score, highlights...).
	 *
	 * @param mode hybrid, vector or keyword; null for the API's default (hybrid)
	 * @param filters {@code name=value} as the API names them: {@code collection=payroll}, {@code documentId=<id>}
	 * and {@code contentType=PDF} (each repeatable), {@code metadata.team=hr}, {@code uploadedAfter=<ISO-8601>},
	 * {@code uploadedBefore=<ISO-8601>}
	 */
	public JsonNode search(String query, int k, String mode, String... filters) throws IOException {
		StringBuilder path = new StringBuilder("/api/v1/search?k=" + k + "&q=" + encode(query));
		if (mode != null) {
			path.append("&mode=").append(encode(mode));
		}
		for (String filter : filters) {
			int equals = filter.indexOf('=');
			if (equals < 1) {
				throw new IllegalArgumentException("a search filter is name=value, not " + filter);
			}
			path.append('&').append(encode(filter.substring(0, equals))).append('=')
				.append(encode(filter.substring(equals + 1)));
		}
		return send("search", request(path.toString(), Duration.ofSeconds(60)).GET().build());
	}

	/** Deletes a document (the API cancels its run first if it is processing). */
	public void delete(UUID id) throws IOException {
		send("delete of document " + id, request("/api/v1/documents/" + id, Duration.ofSeconds(30)).DELETE().build());
	}

	/** Starts a new run for a FAILED document. */
	public Document retry(UUID id) throws IOException {
		return Document.of(send("retry of document " + id, request("/api/v1/documents/" + id + "/retry",
				Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build()));
	}

	/**
	 * Runs documents embedded by another model than the configured one again, a batch at a time; the answer says
	 * which ({@code started}) and how many are left ({@code remaining}).
	 */
	public JsonNode reembed() throws IOException {
		return send("reembed", request("/api/v1/documents/reembed", Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.noBody()).build());
	}

	/**
	 * Reads a document's events: from its first (or after {@code lastEventId}) until its run ends, or until
	 * {@code stopAfter} accepts one. Nothing is read, at once, when the last event was the document's final one.
	 */
	public List<Event> documentEvents(UUID id, String lastEventId, Predicate<Event> stopAfter) throws IOException {
		return EventStream.read(this.http, request("/api/v1/documents/" + id + "/events", Duration.ZERO),
				"events of document " + id, lastEventId, stopAfter);
	}

	/**
	 * Reads every document's events (or one collection's) from now on (or after {@code lastEventId}) until
	 * {@code stopAfter} accepts one.
	 */
	public List<Event> events(String collection, String lastEventId, Predicate<Event> stopAfter) throws IOException {
		String path = "/api/v1/events" + ((collection != null) ? "?collection=" + encode(collection) : "");
		return EventStream.read(this.http, request(path, Duration.ZERO), "events", lastEventId, stopAfter);
	}

	/**
	 * Registers a webhook endpoint; the answer ({@code id}, {@code url}, {@code events}, {@code createdAt}) carries
	 * its {@code secret} this once.
	 *
	 * @param secret {@code whsec_} and base64, or null for one made by the API
	 */
	public JsonNode registerWebhook(String url, List<String> events, String secret) throws IOException {
		ObjectNode body = JSON.createObjectNode().put("url", url);
		events.forEach(body.putArray("events")::add);
		if (secret != null) {
			body.put("secret", secret);
		}
		return send("webhook registration", request("/api/v1/webhooks", Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build());
	}

	/** The registered endpoints, without their secrets. */
	public JsonNode webhooks() throws IOException {
		return send("webhooks", request("/api/v1/webhooks", Duration.ofSeconds(30)).GET().build());
	}

	/** An endpoint's delivery attempts, newest first ({@code webhookId}, {@code attempt}, {@code statusCode}...). */
	public JsonNode webhookDeliveries(UUID endpointId, int limit) throws IOException {
		return send("deliveries of webhook " + endpointId, request("/api/v1/webhooks/" + endpointId
				+ "/deliveries?limit=" + limit, Duration.ofSeconds(30)).GET().build());
	}

	public void deleteWebhook(UUID endpointId) throws IOException {
		send("delete of webhook " + endpointId, request("/api/v1/webhooks/" + endpointId, Duration.ofSeconds(30))
			.DELETE().build());
	}

	/** Whether the API is ready to serve (its readiness probe, which checks the database, Temporal and the schema). */
	public boolean ready() {
		try {
			exchange("readiness", request("/actuator/health/readiness", Duration.ofSeconds(10)).GET().build());
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** @param timeout how long the answer may take to begin; zero: as long as it takes (an event stream) */
	private HttpRequest.Builder request(String path, Duration timeout) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Accept", "application/json");
		if (!timeout.isZero()) {
			builder.timeout(timeout);
		}
		if (this.token != null) {
			builder.header("Authorization", "Bearer " + this.token);
		}
		return builder;
	}

	/** The answer's JSON (an empty object for an answer without a body); an {@link ApiException} if it failed. */
	private JsonNode send(String what, HttpRequest request) throws IOException {
		return parse(exchange(what, request).body());
	}

	/** The answer, if it is a success; else an {@link ApiException} with the problem's code. */
	private HttpResponse<String> exchange(String what, HttpRequest request) throws IOException {
		HttpResponse<String> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(what + " was interrupted", ex);
		}
		catch (ConnectException ex) {
			throw new IOException(what + ": cannot reach the API at " + this.base + " (SCRIPTORIUM_URL)", ex);
		}
		if (response.statusCode() / 100 != 2) {
			throw problem(what, response.statusCode(), response.body());
		}
		return response;
	}

	/** The answer that is not a success, with the code and detail of its problem. */
	static ApiException problem(String what, int status, String body) {
		JsonNode json = parse(body);
		return new ApiException(what, status, text(json, "code"),
				(text(json, "detail") != null) ? text(json, "detail") : text(json, "title"));
	}

	static JsonNode parse(String body) {
		if (body == null || body.isBlank()) {
			return JSON.createObjectNode();
		}
		try {
			return JSON.readTree(body);
		}
		catch (RuntimeException ex) {
			return JSON.createObjectNode().put("detail", body.length() > 200 ? body.substring(0, 200) : body);
		}
	}

	private static String text(JsonNode json, String field) {
		JsonNode value = json.path(field);
		return value.isString() ? value.asString() : null;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
