package io.scriptorium.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A measuring instrument of the bench, not a model: an OpenAI-compatible {@code POST /v1/embeddings} on the loopback
 * interface that answers at once with a unit vector derived from a hash of each input text (the same text, the same
 * vector), so that a worker pointed at it spends next to nothing on embedding and the platform's own ceiling shows.
 * Its vectors mean nothing: search over them finds nothing relevant, which is why the documents embedded with it
 * are deleted after the measurement. Never used by tests.
 */
final class InstantEmbeddingEndpoint implements AutoCloseable {

	/** The name the worker sends and stores with every chunk, so that such chunks are told apart at a glance. */
	static final String MODEL = "instant-bench-instrument";

	/** The chunks table's dimension (V-migrations: vector(384)). */
	static final int DIMENSIONS = 384;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final ExecutorService threads;

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong texts = new AtomicLong();

	private InstantEmbeddingEndpoint(HttpServer server, ExecutorService threads) {
		this.server = server;
		this.threads = threads;
	}

	/** Listens on a free loopback port. */
	static InstantEmbeddingEndpoint start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
		// A few threads: the worker sends one request per embedding activity, a handful at once.
		ExecutorService threads = Executors.newFixedThreadPool(4, (task) -> {
			Thread thread = new Thread(task, "instant-embedding-endpoint");
			thread.setDaemon(true);
			return thread;
		});
		InstantEmbeddingEndpoint endpoint = new InstantEmbeddingEndpoint(server, threads);
		server.createContext("/v1/embeddings", endpoint::handle);
		server.setExecutor(threads);
		server.start();
		return endpoint;
	}

	/** What the worker's {@code scriptorium.embedding.openai.base-url} is set to. */
	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1";
	}

	long requests() {
		return this.requests.get();
	}

	long texts() {
		return this.texts.get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!"POST".equals(exchange.getRequestMethod())) {
				send(exchange, 405, error("only POST"));
				return;
			}
			JsonNode request;
			try (InputStream body = exchange.getRequestBody()) {
				request = JSON.readTree(body);
			}
			List<String> inputs = inputs(request.path("input"));
			int dimensions = request.path("dimensions").asInt(DIMENSIONS);
			boolean base64 = "base64".equals(request.path("encoding_format").asString());
			ObjectNode response = JSON.createObjectNode().put("object", "list");
			ArrayNode data = response.putArray("data");
			long tokens = 0;
			for (int i = 0; i < inputs.size(); i++) {
				float[] vector = vector(inputs.get(i), dimensions);
				ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
				if (base64) {
					item.put("embedding", base64(vector));
				}
				else {
					ArrayNode values = item.putArray("embedding");
					for (float value : vector) {
						values.add(value);
					}
				}
				// A rough count: the usage figures are reported, not billed.
				tokens += inputs.get(i).length() / 4 + 1;
			}
			response.put("model", request.path("model").asString(MODEL));
			response.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
			this.requests.incrementAndGet();
			this.texts.addAndGet(inputs.size());
			send(exchange, 200, JSON.writeValueAsBytes(response));
		}
		catch (IOException | RuntimeException ex) {
			send(exchange, 400, error(String.valueOf(ex.getMessage())));
		}
	}

	/** OpenAI accepts one string or an array of them. */
	private static List<String> inputs(JsonNode input) {
		List<String> inputs = new ArrayList<>();
		if (input.isArray()) {
			input.forEach(text -> inputs.add(text.asString()));
		}
		else {
			inputs.add(input.asString());
		}
		return inputs;
	}

	/** A unit vector seeded by the text's SHA-256: deterministic across runs and JVMs. */
	static float[] vector(String text, int dimensions) {
		byte[] digest = sha256(text);
		SplittableRandom random = new SplittableRandom(ByteBuffer.wrap(digest).getLong());
		float[] vector = new float[dimensions];
		double norm = 0;
		for (int i = 0; i < dimensions; i++) {
			vector[i] = (float) (random.nextDouble() * 2 - 1);
			norm += vector[i] * vector[i];
		}
		float scale = (float) (1 / Math.sqrt(norm));
		for (int i = 0; i < dimensions; i++) {
			vector[i] *= scale;
		}
		return vector;
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

	/** OpenAI's base64 encoding: the floats' little-endian bytes. */
	private static String base64(float[] vector) {
		ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		for (float value : vector) {
			bytes.putFloat(value);
		}
		return Base64.getEncoder().encodeToString(bytes.array());
	}

	private static byte[] error(String message) {
		ObjectNode error = JSON.createObjectNode();
		error.putObject("error").put("message", message).put("type", "invalid_request_error");
		return error.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.threads.shutdownNow();
	}

}
