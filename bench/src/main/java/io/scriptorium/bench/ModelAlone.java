package io.scriptorium.bench;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.time.Duration;
import java.util.List;

/** The embedding model by itself: texts embedded in large batches, no parsing, no storage. */
final class ModelAlone {

	static final int BATCH = 256;

	record Run(double seconds, int chunks) {

		double chunksPerSecond() {
			return this.chunks / this.seconds;
		}

	}

	static Run embed(EmbeddingModel model, List<String> texts, Duration timeout) {
		long start = System.nanoTime();
		long deadline = start + timeout.toNanos();
		int done = 0;
		for (int from = 0; from < texts.size() && System.nanoTime() < deadline; from += BATCH) {
			List<TextSegment> batch = texts.subList(from, Math.min(texts.size(), from + BATCH))
				.stream()
				.map(TextSegment::from)
				.toList();
			done += model.embedAll(batch).content().size();
		}
		return new Run((System.nanoTime() - start) / 1e9, done);
	}

}
