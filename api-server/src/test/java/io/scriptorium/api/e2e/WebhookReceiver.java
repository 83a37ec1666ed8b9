package io.scriptorium.api.e2e;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook receiver on loopback, as a user would write one: it verifies each request's Standard Webhooks
 * signature with the endpoint's secret (the library's own check) and keeps what it received. It can be stopped and
 * started again on the same port, to play a receiver that is down for a while.
 */
final class WebhookReceiver implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<Received> received = new ArrayList<>();

	private volatile String secret;

	private HttpServer server;

	/** One request: its webhook-id, whether its signature verified, its payload. */
	record Received(String webhookId, boolean verified, JsonNode payload) {

		String type() {
			return this.payload.get("type").asString();
		}

		String documentId() {
			return this.payload.get("data").get("documentId").asString();
		}

	}

	private WebhookReceiver() {
	}

	static WebhookReceiver start() {
		WebhookReceiver receiver = new WebhookReceiver();
		receiver.listen(0);
		return receiver;
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hooks";
	}

	/** The secret to verify with, once the endpoint is registered. */
	void verifyWith(String secret) {
		this.secret = secret;
	}

	synchronized List<Received> received() {
		return List.copyOf(this.received);
	}

	/** Down: connections to its port are refused. */
	void stop() {
		this.server.stop(0);
	}

	/** Up again on the same port. */
	void restart() {
		listen(this.server.getAddress().getPort());
	}

	private void listen(int port) {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/hooks", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Map<String, List<String>> headers = new TreeMap<>();
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
			boolean verified;
			try {
				new Webhook(this.secret).verify(body, headers);
				verified = true;
			}
			catch (WebhookVerificationException | EmptyWebhookSecretException | RuntimeException ex) {
				verified = false;
			}
			synchronized (this) {
				this.received.add(new Received(headers.getOrDefault("webhook-id", List.of("")).get(0), verified,
						JSON.readTree(body)));
			}
			exchange.sendResponseHeaders(verified ? 204 : 400, -1);
			exchange.close();
		});
		this.server.start();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
