package io.scriptorium.workflows.ingestion;

import io.scriptorium.workflows.chunking.ChunkingActivities;
import io.scriptorium.workflows.chunking.ChunkingResult;
import io.scriptorium.workflows.conversion.ConversionActivities;
import io.scriptorium.workflows.ocr.OcrActivities;
import io.scriptorium.workflows.ocr.OcrResult;
import io.scriptorium.workflows.conversion.ConversionResult;
import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.document.Stage;
import io.scriptorium.workflows.document.Warning;
import io.scriptorium.workflows.embedding.EmbeddingActivities;
import io.scriptorium.workflows.failure.IngestionError;
import io.scriptorium.workflows.indexing.IndexingActivities;
import io.scriptorium.workflows.parsing.ParseResult;
import io.scriptorium.workflows.parsing.ParsingActivities;
import io.temporal.activity.Activity;
import io.temporal.client.ActivityCanceledException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Scripted stand-ins for the activities: they steer the workflow into its branches and record which calls it made,
 * with which arguments and on which task queue. They prove nothing about the real stages.
 */
final class FakeActivities {

	private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

	private final Map<String, Integer> failuresLeft = new HashMap<>();

	private final Map<String, Supplier<RuntimeException>> failureOf = new HashMap<>();

	private final AtomicInteger embedsInFlight = new AtomicInteger();

	private final AtomicInteger maxEmbedsInFlight = new AtomicInteger();

	private final CountDownLatch parsingStarted = new CountDownLatch(1);

	private final AtomicInteger statusUpdatesThroughATaskQueue = new AtomicInteger();

	private ParseResult parsed = new ParseResult(3, 3, 4_200, 0, 0);

	private ChunkingResult plan = new ChunkingResult(10, 3, 2);

	private long embedMillis = 20;

	private boolean parsingHangs;

	private volatile IngestionError failure;

	FakeActivities parses(ParseResult result) {
		this.parsed = result;
		return this;
	}

	FakeActivities chunks(ChunkingResult result) {
		this.plan = result;
		return this;
	}

	/** Each embedding batch takes this long, so that parallel batches overlap. */
	FakeActivities embedsFor(long millis) {
		this.embedMillis = millis;
		return this;
	}

	/** The first {@code times} attempts of {@code activity} throw; later ones succeed. */
	FakeActivities fails(String activity, int times, Supplier<RuntimeException> failure) {
		this.failuresLeft.put(activity, times);
		this.failureOf.put(activity, failure);
		return this;
	}

	FakeActivities failsAlways(String activity, Supplier<RuntimeException> failure) {
		return fails(activity, Integer.MAX_VALUE, failure);
	}

	/** Parsing heartbeats until it is cancelled, so that a test can cancel the run mid-stage. */
	FakeActivities parsingHangs() {
		this.parsingHangs = true;
		return this;
	}

	List<String> calls() {
		synchronized (this.calls) {
			return List.copyOf(this.calls);
		}
	}

	long count(String callPrefix) {
		return calls().stream().filter((call) -> call.startsWith(callPrefix)).count();
	}

	int maxEmbedsInFlight() {
		return this.maxEmbedsInFlight.get();
	}

	/** Status updates that ran as activities of their own rather than as local activities. */
	int statusUpdatesThroughATaskQueue() {
		return this.statusUpdatesThroughATaskQueue.get();
	}

	IngestionError failure() {
		return this.failure;
	}

	boolean awaitParsingStarted() throws InterruptedException {
		return this.parsingStarted.await(30, TimeUnit.SECONDS);
	}

	/** What an office worker registers on {@code TaskQueues.OFFICE}. */
	ConversionActivities office() {
		return new Office();
	}

	/** What an OCR worker registers on {@code TaskQueues.OCR}: every page yields text, {@code low} of them poorly. */
	OcrActivities ocr(int low) {
		return (document, from, to) -> {
			String queue = Activity.getExecutionContext().getInfo().getActivityTaskQueue();
			call("recognizePages", "recognizePages " + from + "-" + to + " on " + queue);
			return new OcrResult(to - from, to - from, (from == 0) ? low : 0);
		};
	}

	/** What every worker registers on {@code TaskQueues.INGESTION}. */
	Object ingestion() {
		return new Ingestion();
	}

	private void call(String activity, String description) {
		this.calls.add(description);
		RuntimeException failure = nextFailure(activity);
		if (failure != null) {
			throw failure;
		}
	}

	private synchronized RuntimeException nextFailure(String activity) {
		int left = this.failuresLeft.getOrDefault(activity, 0);
		if (left <= 0) {
			return null;
		}
		this.failuresLeft.put(activity, left - 1);
		return this.failureOf.get(activity).get();
	}

	private void hangUntilCancelled() {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < deadline) {
			try {
				Activity.getExecutionContext().heartbeat(null);
				Thread.sleep(100);
			}
			catch (ActivityCanceledException ex) {
				throw ex;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private final class Office implements ConversionActivities {

		@Override
		public ConversionResult convertToPdf(DocumentRef document) {
			String queue = Activity.getExecutionContext().getInfo().getActivityTaskQueue();
			call("convertToPdf", "convertToPdf on " + queue);
			return new ConversionResult(12_345);
		}

	}

	private final class Ingestion implements ParsingActivities, ChunkingActivities, EmbeddingActivities,
			IndexingActivities, DocumentStatusActivities {

		private void statusUpdate() {
			if (!Activity.getExecutionContext().getInfo().isLocal()) {
				FakeActivities.this.statusUpdatesThroughATaskQueue.incrementAndGet();
			}
		}

		@Override
		public ParseResult extractText(DocumentRef document) {
			FakeActivities.this.parsingStarted.countDown();
			call("extractText", "extractText");
			if (FakeActivities.this.parsingHangs) {
				hangUntilCancelled();
			}
			return FakeActivities.this.parsed;
		}

		/** Records the same calls as the two activities it stands for, so that tests read alike for both shapes. */
		@Override
		public ParseResult extractAndChunkText(DocumentRef document) {
			ParseResult parsed = extractText(document);
			if (parsed.pagesNeedingOcr() > 0 || parsed.pagesWithText() == 0) {
				return parsed;
			}
			return parsed.withChunks(chunkText(document));
		}

		@Override
		public int embedAndPublishChunks(DocumentRef document, int fromIndex, int toIndex) {
			embedChunks(document, fromIndex, toIndex);
			return publishChunks(document);
		}

		@Override
		public ChunkingResult chunkText(DocumentRef document) {
			call("chunkText", "chunkText");
			return FakeActivities.this.plan;
		}

		@Override
		public int embedChunks(DocumentRef document, int fromIndex, int toIndex) {
			int now = FakeActivities.this.embedsInFlight.incrementAndGet();
			FakeActivities.this.maxEmbedsInFlight.accumulateAndGet(now, Math::max);
			try {
				call("embedChunks", "embedChunks [" + fromIndex + ", " + toIndex + ")");
				sleep(FakeActivities.this.embedMillis);
				return toIndex - fromIndex;
			}
			finally {
				FakeActivities.this.embedsInFlight.decrementAndGet();
			}
		}

		@Override
		public int publishChunks(DocumentRef document) {
			call("publishChunks", "publishChunks");
			return FakeActivities.this.plan.chunks();
		}

		@Override
		public void recordStage(UUID documentId, Stage stage) {
			statusUpdate();
			call("recordStage", "recordStage " + stage);
		}

		@Override
		public void markReady(UUID documentId, int pages, int chunks, List<Warning> warnings) {
			statusUpdate();
			call("markReady", "markReady pages=" + pages + " chunks=" + chunks + " warnings=" + warnings);
		}

		@Override
		public void markFailed(UUID documentId, IngestionError error) {
			statusUpdate();
			FakeActivities.this.failure = error;
			call("markFailed", "markFailed " + error.code() + " at " + error.stage());
		}

		@Override
		public void markCancelled(UUID documentId) {
			statusUpdate();
			call("markCancelled", "markCancelled");
		}

	}

}
