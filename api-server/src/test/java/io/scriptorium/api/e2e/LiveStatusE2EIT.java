package io.scriptorium.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.scriptorium.api.e2e.EventStreamReader.Frame;
import io.scriptorium.api.e2e.EventStreamReader.Result;
import io.scriptorium.client.Document;
import io.scriptorium.client.ScriptoriumClient;
import io.scriptorium.workflows.document.Stage;
import io.scriptorium.workflows.testing.Corpus;
import io.scriptorium.workflows.testing.TemporalTestNamespace;
import io.scriptorium.workflows.testing.TestDatabase;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Live status through the real path: a worker and two api-server processes on one fresh database and Temporal
 * namespace. A document's events, read from either api-server, carry every stage in order up to READY, and a
 * client that drops its stream and reconnects elsewhere with Last-Event-ID misses none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LiveStatusE2EIT {

	/** 13 pages, enough chunks for several embedding batches (progress events). */
	static final String DOCUMENT = "pdf-text-13p-two-column-paper-unstructured.pdf";

	static final Duration STREAM_TIMEOUT = Duration.ofMinutes(4);

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
				"--spring.temporal.connection.target=" + TemporalTestNamespace.TARGET);
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

	private static List<String> ids(List<Frame> frames) {
		return frames.stream().map(Frame::id).toList();
	}

	private static ScriptoriumClient client(AppProcess api) {
		return new ScriptoriumClient(URI.create(api.baseUrl()), null);
	}

}
