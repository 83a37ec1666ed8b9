package io.scriptorium.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.scriptorium.api.e2e.WebhookReceiver.Received;
import io.scriptorium.client.ApiException;
import io.scriptorium.client.Event;
import io.scriptorium.client.ScriptoriumClient;
import io.scriptorium.client.Upload;
import io.scriptorium.client.UploadOptions;
import io.scriptorium.workflows.document.Stage;
import io.scriptorium.workflows.testing.Corpus;
import io.scriptorium.workflows.testing.TemporalTestNamespace;
import io.scriptorium.workflows.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
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
		List<String> args = AppProcess.platformArgs(this.database, temporal,
				"--scriptorium.webhooks.allowed-networks=127.0.0.0/8");
		Path logs = AppProcess.LOGS.resolve("live-status");
		this.worker = AppProcess.worker(logs, args);
		this.worker.awaitReady(Duration.ofMinutes(4));
		this.apiA = AppProcess.apiServer("api-server-a", logs, args);
		this.apiB = AppProcess.apiServer("api-server-b", logs, args);
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
		ScriptoriumClient onA = client(this.apiA);
		ScriptoriumClient onB = client(this.apiB);
		// The all-documents stream of replica B is open before the upload: it sees the document from its creation.
		CompletableFuture<List<Event>> allOnB = read(() -> onB.events(null, null,
				(event) -> event.type().equals("document.ready") || event.type().equals("document.failed")));
		Thread.sleep(1000);
		UUID id = onA.upload(Corpus.file(DOCUMENT), UploadOptions.NONE).document().id();

		CompletableFuture<List<Event>> fromA = read(() -> onA.documentEvents(id, null, (event) -> false));
		CompletableFuture<List<Event>> fromB = read(() -> onB.documentEvents(id, null, (event) -> false));
		// A client that drops its stream on A at the first stage and reconnects to B with the last id it got.
		CompletableFuture<List<Event>> reconnecting = read(() -> {
			List<Event> first = onA.documentEvents(id, null, (event) -> event.type().equals("document.stage"));
			List<Event> all = new ArrayList<>(first);
			all.addAll(onB.documentEvents(id, first.get(first.size() - 1).id(), (event) -> false));
			return all;
		});

		List<Event> events = fromA.get(5, TimeUnit.MINUTES);
		assertThat(events).as("events on A").isNotEmpty();
		assertThat(events.get(0).type()).isEqualTo("document.created");
		assertThat(events.get(events.size() - 1).type()).isEqualTo("document.ready");
		assertThat(events.get(events.size() - 1).data().get("chunks").asInt()).isPositive();
		List<Stage> stages = events.stream()
			.filter((event) -> event.type().equals("document.stage"))
			.map((event) -> Stage.valueOf(event.data().get("stage").asString()))
			.toList();
		// The stages the workflow records: parsing and chunking are one activity, and a document of several
		// batches is published in a stage of its own.
		assertThat(stages).as("stages in order").isSorted().contains(Stage.PARSE, Stage.EMBED, Stage.INDEX);
		List<Integer> embedded = events.stream()
			.filter((event) -> event.type().equals("document.progress"))
			.map((event) -> event.data().get("chunksEmbedded").asInt())
			.toList();
		assertThat(embedded).as("chunks embedded, batch after batch").isNotEmpty().isSorted();
		assertThat(events).allSatisfy((event) -> {
			assertThat(event.data().get("documentId").asString()).isEqualTo(id.toString());
			assertThat(event.id()).isEqualTo(event.data().get("id").asString());
		});

		assertThat(ids(fromB.get(1, TimeUnit.MINUTES))).as("the same events on B").isEqualTo(ids(events));
		assertThat(ids(reconnecting.get(1, TimeUnit.MINUTES))).as("dropped on A, resumed on B with Last-Event-ID")
			.isEqualTo(ids(events));
		assertThat(ids(allOnB.get(1, TimeUnit.MINUTES).stream()
			.filter((event) -> event.data().get("documentId").asString().equals(id.toString()))
			.toList())).as("the all-documents stream of B").isEqualTo(ids(events));

		String finalId = events.get(events.size() - 1).id();
		assertThat(read(() -> onB.documentEvents(id, finalId, (event) -> false)).get(1, TimeUnit.MINUTES))
			.as("a reconnect after the final event: nothing more will come (204)").isEmpty();

		// Run again, the document's stream (without Last-Event-ID) is its new run's, not the end of the first.
		assertThat(onA.upload(Corpus.file(DOCUMENT), UploadOptions.NONE.withReprocess(true)).started()).isTrue();
		List<Event> rerun = read(() -> onB.documentEvents(id, null, (event) -> false)).get(5, TimeUnit.MINUTES);
		assertThat(rerun).isNotEmpty().allSatisfy((event) -> assertThat(Long.parseLong(event.id()))
			.isGreaterThan(Long.parseLong(finalId)));
		assertThat(rerun.get(0).data().get("status").asString()).isEqualTo("PENDING");
		assertThat(rerun.get(rerun.size() - 1).type()).isEqualTo("document.ready");
	}

	@Test
	void aRegisteredEndpointGetsSignedEventsForReadyAndFailedDocumentsAndLogsTheirDelivery() throws Exception {
		try (WebhookReceiver receiver = WebhookReceiver.start()) {
			JsonNode endpoint = register(receiver, "document.ready", "document.failed");
			assertThat(api().webhooks().toString()).contains(endpoint.get("id").asString())
				.doesNotContain(endpoint.get("secret").asString());

			String ready = upload(READY_DOCUMENT, UploadOptions.NONE);
			String failed = api().upload("not-really.pdf", corruptPdf(), UploadOptions.NONE).document().id().toString();

			awaitUntil(() -> receiver.received().size() >= 2, "two webhooks");
			assertThat(receiver.received()).allSatisfy((hook) -> assertThat(hook.verified()).as("signature").isTrue());
			assertThat(receiver.received()).extracting(Received::documentId, Received::type)
				.containsExactlyInAnyOrder(tuple(ready, "document.ready"), tuple(failed, "document.failed"));
			JsonNode failure = receiver.received().stream().filter((hook) -> hook.documentId().equals(failed))
				.findFirst().orElseThrow().payload().get("data");
			assertThat(failure.get("errorCode").asString()).isNotBlank()
				.isEqualTo(api().document(UUID.fromString(failed), false).errorCode());

			JsonNode log = deliveries(endpoint);
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
			String id = upload(DOWN_DOCUMENT, UploadOptions.NONE);
			awaitUntil(() -> deliveries(endpoint).size() >= 2, "two failed attempts while the receiver is down");
			assertThat(deliveries(endpoint)).allSatisfy((attempt) -> assertThat(attempt.get("delivered").asBoolean())
				.isFalse());

			receiver.restart();
			awaitUntil(() -> !receiver.received().isEmpty(), "the event, once the receiver is back");
			Thread.sleep(WEBHOOK_SETTLE.toMillis());
			assertThat(receiver.received()).singleElement().satisfies((hook) -> {
				assertThat(hook.verified()).isTrue();
				assertThat(hook.documentId()).isEqualTo(id);
				assertThat(hook.webhookId()).isEqualTo(deliveries(endpoint).get(0).get("webhookId").asString());
			});
			unregister(endpoint);
		}
	}

	@Test
	void anUploadsCallbackGetsTheEndOfItsRunSignedWithTheSecretOfTheAnswer() throws Exception {
		try (WebhookReceiver receiver = WebhookReceiver.start()) {
			Upload upload = api().upload(Corpus.file(CALLBACK_DOCUMENT),
					UploadOptions.NONE.withCallbackUrl(receiver.url()));
			assertThat(upload.started()).isTrue();
			receiver.verifyWith(upload.callbackSecret());
			awaitUntil(() -> !receiver.received().isEmpty(), "the callback");
			assertThat(receiver.received()).singleElement().satisfies((hook) -> {
				assertThat(hook.verified()).isTrue();
				assertThat(hook.type()).isEqualTo("document.ready");
				assertThat(hook.documentId()).isEqualTo(upload.document().id().toString());
			});
		}
	}

	@Test
	void webhooksToInternalAddressesAreRefused() {
		for (String url : List.of("http://10.1.2.3/hooks", "http://169.254.169.254/latest/meta-data",
				"http://192.168.0.10:8080/", "http://[fd00::1]/hooks", "ftp://example.org/")) {
			assertThatThrownBy(() -> api().registerWebhook(url, List.of("document.ready"), null)).as(url)
				.isInstanceOfSatisfying(ApiException.class, (refusal) -> {
					assertThat(refusal.status()).isEqualTo(400);
					assertThat(refusal.code()).isEqualTo("WEBHOOK_TARGET_REFUSED");
				});
		}
		assertThatThrownBy(() -> api().upload("refused.md", "# A callback to an internal address\n"
			.getBytes(StandardCharsets.UTF_8), UploadOptions.NONE.withCallbackUrl("http://10.0.0.1/")))
			.isInstanceOfSatisfying(ApiException.class, (refusal) -> {
				assertThat(refusal.status()).isEqualTo(400);
				assertThat(refusal.code()).isEqualTo("WEBHOOK_TARGET_REFUSED");
			});
	}

	private JsonNode register(WebhookReceiver receiver, String... events) throws IOException {
		JsonNode endpoint = api().registerWebhook(receiver.url(), List.of(events), null);
		assertThat(endpoint.get("secret").asString()).startsWith("whsec_");
		receiver.verifyWith(endpoint.get("secret").asString());
		return endpoint;
	}

	/** Later documents' events are not for a receiver that is gone: its deliveries end at their next attempt. */
	private void unregister(JsonNode endpoint) throws IOException {
		api().deleteWebhook(UUID.fromString(endpoint.get("id").asString()));
	}

	private JsonNode deliveries(JsonNode endpoint) {
		try {
			return api().webhookDeliveries(UUID.fromString(endpoint.get("id").asString()), 100);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Uploads a corpus file that must start a run; its document's id. */
	private String upload(String file, UploadOptions options) throws IOException {
		Upload upload = api().upload(Corpus.file(file), options);
		assertThat(upload.started()).as(file).isTrue();
		return upload.document().id().toString();
	}

	private ScriptoriumClient api() {
		return client(this.apiB);
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

	/** A stream read on a thread of its own, so that several are open at once. */
	private static CompletableFuture<List<Event>> read(Callable<List<Event>> stream) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return stream.call();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	private static List<String> ids(List<Event> events) {
		return events.stream().map(Event::id).toList();
	}

	private static ScriptoriumClient client(AppProcess api) {
		return new ScriptoriumClient(URI.create(api.baseUrl()), null);
	}

}
