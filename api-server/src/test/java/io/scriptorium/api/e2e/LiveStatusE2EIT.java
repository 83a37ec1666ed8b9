package io.scriptorium.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.scriptorium.api.e2e.EventStreamReader.Frame;
import io.scriptorium.api.e2e.EventStreamReader.Result;
import io.scriptorium.api.system.ApiClient;
import io.scriptorium.client.Document;
import io.scriptorium.client.ScriptoriumClient;
import io.scriptorium.workflows.document.Stage;
import io.scriptorium.workflows.testing.Corpus;
import io.scriptorium.workflows.testing.TemporalTestNamespace;
import io.scriptorium.workflows.testing.TestDatabase;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Live status and webhooks through the real path: a worker and two api-server processes on one fresh database and
 * Temporal namespace, webhook receivers on loopback (allowed here; internal addresses are refused by default). A
 * document's events, read from either api-server, carry every stage in order up to READY, and a client that drops
 * its stream and reconnects elsewhere with Last-Event-ID misses none. Webhooks arrive signed, and arrive late but
 * once when their receiver was down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LiveStatusE2EIT {

	/** 13 pages, enough chunks for several embedding batches (progress events). */
	static final String DOCUMENT = "pdf-text-13p-two-column-paper-unstructured.pdf";

	static final Duration STREAM_TIMEOUT = Duration.ofMinutes(4);

	static final String READY_DOCUMENT = "pdf-text-1p-memo-unstructured.pdf";

	static final String DOWN_DOCUMENT = "md-readme-unstructured.md";

	static final String CALLBACK_DOCUMENT = "html-sec-10k-excerpt-unstructured.html";

	/** A delivery's attempts are 5, 10, 20 s... apart: a receiver back within a minute has it within another. */
	static final Duration WEBHOOK_TIMEOUT = Duration.ofMinutes(2);

	/** How long a second delivery of an event would take to show up, if there were one. */
	static final Duration WEBHOOK_SETTLE = Duration.ofSeconds(10);

	private TestDatabase database;

	private AppProcess worker;

	private AppProcess apiA;

	private AppProcess apiB;

	@BeforeAll
	@Timeout(value = 8, unit = TimeUnit.MINUTES)
	void startPlatform() throws Exception {
		this.database = TestDatabase.createEmpty();
		TemporalTestNamespace temporal = TemporalTestNamespace.create("live");
		List<String> args = List.of("--spring.datasource.url=" + this.database.url(),
				"--spring.temporal.namespace=" + temporal.name(),
				"--spring.temporal.connection.target=" + TemporalTestNamespace.TARGET,
				"--scriptorium.webhooks.allowed-networks=127.0.0.0/8");
		Path logs = CorpusIngestionE2EIT.LOGS.resolve("live-status");
		this.worker = AppProcess.start("worker", CorpusIngestionE2EIT.WORKER_JAR, logs,
				CorpusIngestionE2EIT.WORKER_JVM, args);
		this.worker.awaitReady(Duration.ofMinutes(4));
		this.apiA = AppProcess.start("api-server-a", CorpusIngestionE2EIT.API_JAR, logs, List.of(), args);
		this.apiB = AppProcess.start("api-server-b", CorpusIngestionE2EIT.API_JAR, logs, List.of(), args);
		this.apiA.awaitReady(Duration.ofMinutes(3));
		this.apiB.awaitReady(Duration.ofMinutes(3));
	}

	@AfterAll
	void stopPlatform() throws Exception {
		for (AppProcess process : new AppProcess[] { this.apiA, this.apiB, this.worker }) {
			if (process != null) {
				process.close();
			}
		}
		if (this.database != null) {
			this.database.drop();
		}
	}

	@Test
	void aDocumentsEventsFromUploadToReadyReachEveryReplicaInOrderAndSurviveAReconnect() throws Exception {
		// The all-documents stream of replica B is open before the upload: it sees the document from its creation.
		CompletableFuture<Result> allOnB = CompletableFuture.supplyAsync(() -> EventStreamReader
			.read(this.apiB.baseUrl() + "/api/v1/events", null, STREAM_TIMEOUT,
					(frame) -> "document.ready".equals(frame.event()) || "document.failed".equals(frame.event())));
		Thread.sleep(1000);
		Document document = client(this.apiA).upload(Corpus.file(DOCUMENT), null, null);
		String documentEvents = "/api/v1/documents/" + document.id() + "/events";

		CompletableFuture<Result> onA = CompletableFuture.supplyAsync(
				() -> EventStreamReader.read(this.apiA.baseUrl() + documentEvents, null, STREAM_TIMEOUT, (f) -> false));
		CompletableFuture<Result> onB = CompletableFuture.supplyAsync(
				() -> EventStreamReader.read(this.apiB.baseUrl() + documentEvents, null, STREAM_TIMEOUT, (f) -> false));
		// A client that drops its stream on A after two events and reconnects to B with the last id it got.
		CompletableFuture<List<Frame>> reconnecting = CompletableFuture.supplyAsync(() -> {
			List<Frame> first = EventStreamReader.read(this.apiA.baseUrl() + documentEvents, null, STREAM_TIMEOUT,
					(frame) -> frame.data().get("type").asString().equals("document.stage")).frames();
			List<Frame> all = new ArrayList<>(first);
			all.addAll(EventStreamReader.read(this.apiB.baseUrl() + documentEvents, first.get(first.size() - 1).id(),
					STREAM_TIMEOUT, (f) -> false).frames());
			return all;
		});

		List<Frame> events = onA.get(5, TimeUnit.MINUTES).frames();
		assertThat(events).as("events on A").isNotEmpty();
		assertThat(events.get(0).event()).isEqualTo("document.created");
		assertThat(events.get(events.size() - 1).event()).isEqualTo("document.ready");
		assertThat(events.get(events.size() - 1).data().get("chunks").asInt()).isPositive();
		List<Stage> stages = events.stream()
			.filter((frame) -> frame.event().equals("document.stage"))
			.map((frame) -> Stage.valueOf(frame.data().get("stage").asString()))
			.toList();
		// The stages the workflow records: parsing and chunking are one activity, and a document of several
		// batches is published in a stage of its own.
		assertThat(stages).as("stages in order").isSorted().contains(Stage.PARSE, Stage.EMBED, Stage.INDEX);
		List<Integer> embedded = events.stream()
			.filter((frame) -> frame.event().equals("document.progress"))
			.map((frame) -> frame.data().get("chunksEmbedded").asInt())
			.toList();
		assertThat(embedded).as("chunks embedded, batch after batch").isNotEmpty().isSorted();
		assertThat(events).allSatisfy((frame) -> {
			assertThat(frame.data().get("documentId").asString()).isEqualTo(document.id().toString());
			assertThat(frame.id()).isEqualTo(frame.data().get("id").asString());
		});

		assertThat(ids(onB.get(1, TimeUnit.MINUTES).frames())).as("the same events on B").isEqualTo(ids(events));
		assertThat(ids(reconnecting.get(1, TimeUnit.MINUTES))).as("dropped on A, resumed on B with Last-Event-ID")
			.isEqualTo(ids(events));
		assertThat(ids(allOnB.get(1, TimeUnit.MINUTES).frames().stream()
			.filter((frame) -> frame.data().get("documentId").asString().equals(document.id().toString()))
			.toList())).as("the all-documents stream of B").isEqualTo(ids(events));

		String finalId = events.get(events.size() - 1).id();
		assertThat(EventStreamReader.read(this.apiB.baseUrl() + documentEvents, finalId, STREAM_TIMEOUT, (f) -> false)
			.status()).as("a reconnect after the final event: nothing more will come").isEqualTo(204);
	}

	@Test
	void aRegisteredEndpointGetsSignedEventsForReadyAndFailedDocumentsAndLogsTheirDelivery() throws Exception {
		try (WebhookReceiver receiver = WebhookReceiver.start()) {
			JsonNode endpoint = register(receiver, "document.ready", "document.failed");
			assertThat(getJson("/api/v1/webhooks").toString()).contains(endpoint.get("id").asString())
				.doesNotContain(endpoint.get("secret").asString());

			String ready = upload(READY_DOCUMENT, Files.readAllBytes(Corpus.file(READY_DOCUMENT)), null).get("id")
				.asString();
			String failed = upload("not-really.pdf", corruptPdf(), null).get("id").asString();

			awaitUntil(() -> receiver.received().size() >= 2, "two webhooks");
			assertThat(receiver.received()).allSatisfy((hook) -> assertThat(hook.verified()).as("signature").isTrue());
			assertThat(receiver.received()).extracting(WebhookReceiver.Received::documentId, WebhookReceiver.Received::type)
				.containsExactlyInAnyOrder(tuple(ready, "document.ready"), tuple(failed, "document.failed"));
			JsonNode failure = receiver.received().stream().filter((hook) -> hook.documentId().equals(failed))
				.findFirst().orElseThrow().payload().get("data");
			JsonNode failedDocument = getJson("/api/v1/documents/" + failed);
			assertThat(failure.get("errorCode").asString()).isNotBlank()
				.isEqualTo(failedDocument.get("error").get("code").asString());

			JsonNode log = getJson("/api/v1/webhooks/" + endpoint.get("id").asString() + "/deliveries");
			assertThat(log.size()).isEqualTo(2);
			assertThat(log).allSatisfy((attempt) -> {
				assertThat(attempt.get("delivered").asBoolean()).isTrue();
				assertThat(attempt.get("statusCode").asInt()).isEqualTo(204);
			});
			unregister(endpoint);
		}
	}

	@Test
	void aReceiverThatIsDownGetsItsEventsWhenItIsBackOnceEach() throws Exception {
		try (WebhookReceiver receiver = WebhookReceiver.start()) {
			JsonNode endpoint = register(receiver, "document.ready");
			receiver.stop();
			String id = upload(DOWN_DOCUMENT, Files.readAllBytes(Corpus.file(DOWN_DOCUMENT)), null).get("id")
				.asString();
			String deliveries = "/api/v1/webhooks/" + endpoint.get("id").asString() + "/deliveries";
			awaitUntil(() -> getJson(deliveries).size() >= 2, "two failed attempts while the receiver is down");
			assertThat(getJson(deliveries)).allSatisfy((attempt) -> assertThat(attempt.get("delivered").asBoolean())
				.isFalse());

			receiver.restart();
			awaitUntil(() -> !receiver.received().isEmpty(), "the event, once the receiver is back");
			Thread.sleep(WEBHOOK_SETTLE.toMillis());
			assertThat(receiver.received()).singleElement().satisfies((hook) -> {
				assertThat(hook.verified()).isTrue();
				assertThat(hook.documentId()).isEqualTo(id);
				assertThat(hook.webhookId()).isEqualTo(getJson(deliveries).get(0).get("webhookId").asString());
			});
			unregister(endpoint);
		}
	}

	@Test
	void anUploadsCallbackGetsTheEndOfItsRunSignedWithTheSecretOfTheAnswer() throws Exception {
		try (WebhookReceiver receiver = WebhookReceiver.start()) {
			JsonNode upload = upload(CALLBACK_DOCUMENT, Files.readAllBytes(Corpus.file(CALLBACK_DOCUMENT)),
					"callbackUrl=" + URLEncoder.encode(receiver.url(), StandardCharsets.UTF_8));
			receiver.verifyWith(upload.get("callbackSecret").asString());
			awaitUntil(() -> !receiver.received().isEmpty(), "the callback");
			assertThat(receiver.received()).singleElement().satisfies((hook) -> {
				assertThat(hook.verified()).isTrue();
				assertThat(hook.type()).isEqualTo("document.ready");
				assertThat(hook.documentId()).isEqualTo(upload.get("id").asString());
			});
		}
	}

	@Test
	void webhooksToInternalAddressesAreRefused() {
		for (String url : List.of("http://10.1.2.3/hooks", "http://169.254.169.254/latest/meta-data",
				"http://192.168.0.10:8080/", "http://[fd00::1]/hooks", "ftp://example.org/")) {
			ApiClient.Response answer = postJson("/api/v1/webhooks",
					"{\"url\": \"" + url + "\", \"events\": [\"document.ready\"]}");
			assertThat(answer.status()).as(url).isEqualTo(400);
			assertThat(answer.code()).as(url).isIn("WEBHOOK_TARGET_REFUSED");
		}
		ApiClient.Response upload = api().upload("refused.md", "# A callback to an internal address\n".getBytes(
				StandardCharsets.UTF_8), "callbackUrl=" + URLEncoder.encode("http://10.0.0.1/", StandardCharsets.UTF_8));
		assertThat(upload.status()).isEqualTo(400);
		assertThat(upload.code()).isEqualTo("WEBHOOK_TARGET_REFUSED");
	}

	private JsonNode register(WebhookReceiver receiver, String... events) {
		String body = "{\"url\": \"" + receiver.url() + "\", \"events\": [\"" + String.join("\", \"", events)
				+ "\"]}";
		ApiClient.Response answer = postJson("/api/v1/webhooks", body);
		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
		assertThat(answer.json().get("secret").asString()).startsWith("whsec_");
		receiver.verifyWith(answer.json().get("secret").asString());
		return answer.json();
	}

	/** Later documents' events are not for a receiver that is gone: its deliveries end at their next attempt. */
	private void unregister(JsonNode endpoint) {
		assertThat(api().delete("/api/v1/webhooks/" + endpoint.get("id").asString()).status()).isEqualTo(204);
	}

	private JsonNode upload(String filename, byte[] content, String query) {
		ApiClient.Response answer = api().upload(filename, content, query);
		assertThat(answer.status()).as(answer.body()).isEqualTo(202);
		return answer.json();
	}

	private JsonNode getJson(String path) {
		ApiClient.Response answer = api().get(path);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json();
	}

	private ApiClient.Response postJson(String path, String json) {
		return api().postJson(path, json);
	}

	private ApiClient api() {
		return new ApiClient(this.apiB.baseUrl());
	}

	/** A PDF header and nothing a parser can read after it: accepted at the door, FAILED by the worker. */
	private static byte[] corruptPdf() {
		byte[] bytes = new byte[20_000];
		new Random(7).nextBytes(bytes);
		byte[] header = "%PDF-1.7\n1 0 obj\n<<".getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(header, 0, bytes, 0, header.length);
		return bytes;
	}

	private static void awaitUntil(BooleanSupplier condition, String what) throws InterruptedException {
		Instant deadline = Instant.now().plus(WEBHOOK_TIMEOUT);
		while (!condition.getAsBoolean()) {
			assertThat(Instant.now()).as("waited for " + what).isBefore(deadline);
			Thread.sleep(500);
		}
	}

	private static List<String> ids(List<Frame> frames) {
		return frames.stream().map(Frame::id).toList();
	}

	private static ScriptoriumClient client(AppProcess api) {
		return new ScriptoriumClient(URI.create(api.baseUrl()), null);
	}

}
