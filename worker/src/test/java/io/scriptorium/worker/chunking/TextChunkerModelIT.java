package io.scriptorium.worker.chunking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.scriptorium.workflows.embeddingmodel.EmbeddingModelFactory;
import io.scriptorium.workflows.embeddingmodel.EmbeddingModelProperties;
import io.scriptorium.workflows.embeddingmodel.EmbeddingSettings;
import io.scriptorium.workflows.embeddingmodel.TokenCounter;
import io.scriptorium.worker.indexing.CorpusText;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On real text and the real in-process model: the model reads every chunk to its last word. A chunker that sized
 * chunks in characters would pass its own tests and still lose the tail of most chunks to the model's truncation.
 */
class TextChunkerModelIT {

	private static final EmbeddingSettings SETTINGS = new EmbeddingModelProperties().toSettings();

	private static EmbeddingModel model;

	private static TokenCounter counter;

	private static List<String> pages;

	@BeforeAll
	static void load() throws Exception {
		model = EmbeddingModelFactory.create(SETTINGS);
		counter = TokenCounter.create(SETTINGS);
		pages = CorpusText.pdfPages(CorpusText.GAO_DECISION);
	}

	@Test
	void changingTheLastSentenceOfAnyChunkChangesItsVector() {
		List<Chunk> chunks = chunk(pages, 128, 16);

		assertThat(chunks).hasSizeGreaterThan(10);
		for (Chunk chunk : chunks) {
			assertThat(chunk.tokenCount()).as("chunk %d", chunk.index()).isLessThanOrEqualTo(128);
			assertThat(counter.count(chunk.text())).isEqualTo(chunk.tokenCount());
			String withoutLastSentence = withoutLastSentence(chunk.text());
			assertThat(vector(withoutLastSentence)).as("chunk %d without its last sentence", chunk.index())
				.isNotEqualTo(vector(chunk.text()));
			assertThat(vector(withLastWordChanged(chunk.text()))).as("chunk %d with its last word changed",
					chunk.index())
				.isNotEqualTo(vector(chunk.text()));
		}
	}

	/**
	 * The twin that shows the check above can fail: the tail of a chunk sized in characters, longer than the
	 * model's window, never reaches the model.
	 */
	@Test
	void theTailOfAChunkLongerThanTheWindowNeverReachesTheModel() {
		String all = String.join(" ", pages).replaceAll("\\s+", " ");
		int end = 1000;
		while (counter.count(all.substring(0, end)) <= SETTINGS.maxTokens()) {
			end += 500;
		}
		String text = all.substring(0, end);

		assertThat(counter.count(text)).isGreaterThan(SETTINGS.maxTokens());
		assertThat(vector(withLastWordChanged(text))).isEqualTo(vector(text));
	}

	@Test
	void aSmallerConfiguredLimitIsRespected() {
		List<Chunk> chunks = chunk(pages, 64, 8);

		assertThat(chunks).isNotEmpty()
			.allSatisfy(chunk -> assertThat(counter.count(chunk.text())).isLessThanOrEqualTo(64));
	}

	/** A whole novel (3.2 MB) streams through in segments, as the parser stores a text file. */
	@Test
	void aNovelIsChunkedWithinTheLimitInBoundedTime() throws Exception {
		String novel = java.nio.file.Files.readString(CorpusText.file("txt-war-and-peace-unstructured.txt"));
		int[] count = { 0 };
		int[] largest = { 0 };
		TextChunker chunker = new TextChunker(counter, 128, 16, chunk -> {
			count[0]++;
			largest[0] = Math.max(largest[0], chunk.tokenCount());
		});
		long start = System.nanoTime();

		for (int offset = 0; offset < novel.length(); offset += 32_000) {
			chunker.add(null, novel.substring(offset, Math.min(novel.length(), offset + 32_000)));
		}
		chunker.finish();

		long seconds = (System.nanoTime() - start) / 1_000_000_000L;
		System.out.println("War and Peace: " + count[0] + " chunks in " + seconds + " s");
		assertThat(count[0]).isBetween(5_000, 20_000);
		assertThat(largest[0]).isLessThanOrEqualTo(128);
		assertThat(seconds).isLessThan(120);
	}

	private static List<Chunk> chunk(List<String> pages, int maxTokens, int overlapTokens) {
		List<Chunk> chunks = new ArrayList<>();
		TextChunker chunker = new TextChunker(counter, maxTokens, overlapTokens, chunks::add);
		for (int i = 0; i < pages.size(); i++) {
			chunker.add(i + 1, pages.get(i));
		}
		chunker.finish();
		return chunks;
	}

	private static String withoutLastSentence(String text) {
		java.text.BreakIterator sentences = java.text.BreakIterator.getSentenceInstance(java.util.Locale.ROOT);
		sentences.setText(text);
		int lastStart = sentences.preceding(text.stripTrailing().length());
		String shortened = text.substring(0, lastStart).strip();
		// A chunk that is a single sentence (or a piece of one) loses its last word instead.
		return shortened.isEmpty() ? text.substring(0, text.lastIndexOf(' ')) : shortened;
	}

	private static String withLastWordChanged(String text) {
		return text.substring(0, text.lastIndexOf(' ')) + " zebra";
	}

	private static float[] vector(String text) {
		return model.embed(text).content().vector();
	}

}
