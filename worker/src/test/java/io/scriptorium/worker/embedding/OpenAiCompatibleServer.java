package io.scriptorium.worker.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local OpenAI-compatible {@code POST /v1/embeddings} endpoint whose vectors come from the in-process model, so
 * that the real OpenAI client can be checked against vectors we know. It records what each request carried.
 */
final class OpenAiCompatibleServer implements AutoCloseable {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpServer server;

	private final EmbeddingModel model;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private volatile int dimensions = 384;

	private volatile int failWithStatus;

	OpenAiCompatibleServer(EmbeddingModel model) throws IOException {
		this.model = model;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/v1/embeddings", this::embeddings);
		this.server.start();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1";
	}

	List<Request> requests() {
		return this.requests;
	}

	/** Answers with only the first {@code dimensions} numbers of each vector, as a wrongly configured model would. */
	void truncateVectorsTo(int dimensions) {
		this.dimensions = dimensions;
	}

	void failWith(int status) {
		this.failWithStatus = status;
	}

	private void embeddings(HttpExchange exchange) throws IOException {
		JsonNode body = JSON.readTree(exchange.getRequestBody());
		List<String> inputs = body.get("input").isArray()
				? JSON.convertValue(body.get("input"), JSON.getTypeFactory().constructCollectionType(List.class,
						String.class))
				: List.of(body.get("input").asText());
		this.requests.add(new Request(exchange.getRequestHeaders().getFirst("Authorization"),
				body.path("model").asText(), body.path("dimensions").asInt(), inputs.size()));
		if (this.failWithStatus != 0) {
			respond(exchange, this.failWithStatus, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}");
			return;
		}
		ObjectNode response = JSON.createObjectNode().put("object", "list").put("model", body.path("model").asText());
		ArrayNode data = response.putArray("data");
		for (int i = 0; i < inputs.size(); i++) {
			float[] vector = this.model.embed(inputs.get(i)).content().vector();
			ArrayNode numbers = data.addObject().put("object", "embedding").put("index", i).putArray("embedding");
			for (int d = 0; d < Math.min(this.dimensions, vector.length); d++) {
				numbers.add(vector[d]);
			}
		}
		response.putObject("usage").put("prompt_tokens", 1).put("total_tokens", 1);
		respond(exchange, 200, JSON.writeValueAsString(response));
	}

	private static void respond(HttpExchange exchange, int status, String json) throws IOException {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	record Request(String authorization, String model, int dimensions, int inputs) {
	}

}
