package io.scriptorium.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the client sends and how it reads the answers, against a stand-in of the API in this JVM. */
class ScriptoriumClientTest {

	static final String DOCUMENT = "{\"id\":\"6f1c1a2e-6a55-4d8e-9b4e-2f6f2a2d1e01\",\"filename\":\"a.txt\","
			+ "\"status\":\"PENDING\",\"stage\":\"UPLOAD\",\"pages\":null,\"chunks\":null,\"error\":null}";

	HttpServer server;

	/** The last request: its method, path and query, Authorization header and body. */
	final AtomicReference<String> request = new AtomicReference<>();

	/** What the stand-in answers next: status, then body. */
	final AtomicReference<Map.Entry<Integer, String>> answer = new AtomicReference<>();

	ScriptoriumClient client;

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
		this.client = new ScriptoriumClient(URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/"),
				"secret");
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			this.request.set(exchange.getRequestMethod() + " " + exchange.getRequestURI() + "\n"
					+ exchange.getRequestHeaders().getFirst("Authorization") + "\n"
					+ new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			Map.Entry<Integer, String> next = this.answer.get();
			byte[] body = next.getValue().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			if (next.getKey() == 202) {
				exchange.getResponseHeaders().set("Location", "/api/v1/documents/6f1c1a2e-6a55-4d8e-9b4e-2f6f2a2d1e01");
			}
			exchange.sendResponseHeaders(next.getKey(), body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	@Test
	void anUploadSendsItsOptionsInTheQueryAndTheFileAsItsPart() throws IOException {
		this.answer.set(Map.entry(202, DOCUMENT));

		Upload upload = this.client.upload("a \"b\".txt", "words".getBytes(StandardCharsets.UTF_8),
				UploadOptions.NONE.withCollection("pay roll").withMetadata(Map.of("team", "hr"))
					.withOcrLanguage("deu+eng").withReprocess(true));

		assertThat(this.request.get()).startsWith("POST /api/v1/documents?collection=pay+roll"
				+ "&metadata=%7B%22team%22%3A%22hr%22%7D&language=deu%2Beng&reprocess=true\nBearer secret\n")
			.contains("Content-Disposition: form-data; name=\"file\"; filename=\"a %22b%22.txt\"")
			.contains("\r\n\r\nwords\r\n--");
		assertThat(upload.started()).isTrue();
		assertThat(upload.location()).isEqualTo(URI.create("/api/v1/documents/6f1c1a2e-6a55-4d8e-9b4e-2f6f2a2d1e01"));
		assertThat(upload.document().status()).isEqualTo("PENDING");
		assertThat(upload.document().pages()).isNull();
	}

	@Test
	void bytesSeenBeforeAreAnUploadThatStartedNothing() throws IOException {
		this.answer.set(Map.entry(200, DOCUMENT));

		Upload upload = this.client.upload("a.txt", new byte[] { 1 }, UploadOptions.NONE);

		assertThat(this.request.get()).startsWith("POST /api/v1/documents\n");
		assertThat(upload.started()).isFalse();
		assertThat(upload.location()).isNull();
	}

	@Test
	void aProblemIsAnApiExceptionWithItsStatusCodeAndDetail() {
		this.answer.set(Map.entry(415, "{\"status\":415,\"code\":\"UNSUPPORTED_TYPE\",\"title\":\"Unsupported\","
				+ "\"detail\":\"a PNG is not a document\"}"));

		ApiException problem = catchThrowableOfType(ApiException.class,
				() -> this.client.upload("a.pdf", new byte[] { 1 }, UploadOptions.NONE));

		assertThat(problem.status()).isEqualTo(415);
		assertThat(problem.code()).isEqualTo("UNSUPPORTED_TYPE");
		assertThat(problem).hasMessage("upload of a.pdf answered 415 UNSUPPORTED_TYPE: a PNG is not a document");
	}

	@Test
	void theDocumentListTakesItsFiltersAndGivesTheNextCursor() throws IOException {
		this.answer.set(Map.entry(200, "{\"items\":[" + DOCUMENT + "],\"nextCursor\":\"abc\"}"));

		DocumentPage page = this.client.documents("FAILED", 2, "a/b");

		assertThat(this.request.get()).startsWith("GET /api/v1/documents?limit=2&status=FAILED&cursor=a%2Fb\n");
		assertThat(page.items()).extracting(Document::filename).containsExactly("a.txt");
		assertThat(page.nextCursor()).isEqualTo("abc");
	}

	@Test
	void searchFiltersAreEncodedAsTheApiNamesThem() throws IOException {
		this.answer.set(Map.entry(200, "{\"results\":[]}"));

		this.client.search("tips & tax", 5, "keyword", "metadata.team=h&r", "uploadedAfter=2026-01-01T00:00:00Z");

		assertThat(this.request.get()).startsWith("GET /api/v1/search?k=5&q=tips+%26+tax&mode=keyword"
				+ "&metadata.team=h%26r&uploadedAfter=2026-01-01T00%3A00%3A00Z\n");
	}

}
