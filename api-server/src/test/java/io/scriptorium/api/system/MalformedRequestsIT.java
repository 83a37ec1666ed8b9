package io.scriptorium.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.scriptorium.workflows.testing.TemporalTestNamespace;
import io.scriptorium.workflows.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Requests a client should never send, written byte by byte on a socket (an HTTP client library would normalise or
 * refuse them, and the API's client cannot say them): each gets a 4xx problem with a code, never a 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Timeout(120)
class MalformedRequestsIT {

	static final TestDatabase database = TestDatabase.create();

	static final TemporalTestNamespace temporal = TemporalTestNamespace.create("api-malformed");

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("spring.temporal.namespace", temporal::name);
	}

	@AfterAll
	static void dropDatabase() {
		database.drop();
	}

	static List<String> traversingPaths() {
		return List.of("/actuator/health/../../api/v1/documents", "/actuator/health/..;/..;/api/v1/documents",
				"/actuator/health;/../../api/v1/documents", "/actuator/health/%2e%2e/%2e%2e/api/v1/documents",
				"/actuator/health/%2E%2E/api/v1/documents", "/api/v1/documents;jsessionid=1",
				"/api/v1//documents", "/api/v1/documents/%2f..", "/api/v1/documents/%5c..");
	}

	@ParameterizedTest
	@MethodSource("traversingPaths")
	void pathThatCanBeReadTwoWaysIsABadRequest(String path) throws Exception {
		assertBadRequest(send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
	}

	static List<String> brokenCursors() {
		return List.of(cursor(Long.MAX_VALUE + ":999999999:" + UUID.randomUUID()),
				cursor("9000000000000:0:" + UUID.randomUUID()), cursor("1700000000:-5:" + UUID.randomUUID()),
				cursor("-99999999999:0:" + UUID.randomUUID()), cursor("1:2"), "%%%", "not-base64!");
	}

	@ParameterizedTest
	@MethodSource("brokenCursors")
	void cursorThatThisApiDidNotIssueIsABadRequest(String cursor) throws Exception {
		assertBadRequest(send("GET /api/v1/documents?cursor=" + cursor + " HTTP/1.1\r\nHost: localhost\r\n"
				+ "Connection: close\r\n\r\n"));
	}

	@Test
	void truncatedMultipartBodyIsABadRequest() throws Exception {
		String body = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
				+ "Content-Type: text/plain\r\n\r\nhello";
		assertBadRequest(send(multipart(body)));
	}

	@Test
	void fileNameWithANulByteIsABadRequest() throws Exception {
		String body = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\u0000b.txt\"\r\n"
				+ "Content-Type: text/plain\r\n\r\nhello world\r\n--XyZ--\r\n";
		assertBadRequest(send(multipart(body)));
	}

	@Test
	void uploadWithoutAFilePartIsABadRequest() throws Exception {
		String body = "--XyZ\r\nContent-Disposition: form-data; name=\"document\"; filename=\"notes.txt\"\r\n"
				+ "Content-Type: text/plain\r\n\r\nwords\r\n--XyZ--\r\n";
		assertBadRequest(send(multipart(body)));
	}

	@Test
	void documentIdThatIsNotAUuidIsABadRequest() throws Exception {
		assertBadRequest(
				send("GET /api/v1/documents/not-a-uuid HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
	}

	@Test
	void webhookThatIsNotJsonIsABadRequest() throws Exception {
		String body = "{\"url\": \"https://example.org/hooks\", \"events\": [";
		assertBadRequest(send("POST /api/v1/webhooks HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body));
	}

	@Test
	void webhookWithAnUnknownEventTypeOrAShortSecretIsABadRequest() throws Exception {
		for (String body : List.of("{\"url\": \"https://example.org/hooks\", \"events\": [\"document.burnt\"]}",
				"{\"url\": \"https://example.org/hooks\", \"events\": [\"document.ready\"], \"secret\": \"abc\"}",
				"{\"url\": 5, \"events\": \"document.ready\"}", "{}",
				"{\"url\": \"https://example.org/hooks\", \"events\": [null]}")) {
			assertBadRequest(send("POST /api/v1/webhooks HTTP/1.1\r\nHost: localhost\r\n"
					+ "Content-Type: application/json\r\nContent-Length: " + body.length()
					+ "\r\nConnection: close\r\n\r\n" + body));
		}
	}

	/** Asked as an event stream, the refusal is still a problem the client can read. */
	@Test
	void lastEventIdThatIsNotAnEventsIdIsABadRequest() throws Exception {
		assertBadRequest(send("GET /api/v1/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
				+ "Last-Event-ID: yesterday\r\nConnection: close\r\n\r\n"));
	}

	@Test
	void eventsOfADocumentThatDoesNotExistAreNotFound() throws Exception {
		String response = send("GET /api/v1/documents/" + UUID.randomUUID() + "/events HTTP/1.1\r\nHost: localhost\r\n"
				+ "Accept: text/event-stream\r\nConnection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 404").contains("\"code\":\"DOCUMENT_NOT_FOUND\"");
	}

	@Test
	void webhookIdThatIsNotAUuidIsABadRequest() throws Exception {
		assertBadRequest(send("GET /api/v1/webhooks/not-a-uuid/deliveries HTTP/1.1\r\nHost: localhost\r\n"
				+ "Connection: close\r\n\r\n"));
	}

	private static String multipart(String body) {
		return "POST /api/v1/documents HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=XyZ\r\n"
				+ "Content-Length: " + body.getBytes(StandardCharsets.ISO_8859_1).length + "\r\nConnection: close\r\n\r\n"
				+ body;
	}

	private static String cursor(String raw) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	private static void assertBadRequest(String response) {
		assertThat(response).startsWith("HTTP/1.1 400");
		assertThat(response).contains("application/problem+json").contains("\"code\":\"INVALID_REQUEST\"");
	}

	private String send(String request) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			socket.shutdownOutput();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream response = new ByteArrayOutputStream();
			in.transferTo(response);
			return response.toString(StandardCharsets.ISO_8859_1);
		}
	}

}
