package io.scriptorium.worker.chunking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.scriptorium.workflows.embeddingmodel.EmbeddingModelProperties;
import io.scriptorium.workflows.embeddingmodel.TokenCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TextChunkerTest {

	private static final TokenCounter COUNTER = TokenCounter
		.create(new EmbeddingModelProperties().toSettings());

	private final List<Chunk> chunks = new ArrayList<>();

	@Test
	void shortTextIsOneChunkWithItsTokenCount() {
		TextChunker chunker = chunker(128, 0);

		chunker.add(1, "The protest is denied.");
		chunker.finish();

		assertThat(this.chunks).containsExactly(new Chunk(0, 1, 1, null, "", "The protest is denied.", 7));
	}

	@Test
	void noChunkExceedsMaxTokensAndIndexesRunFromZero() {
		TextChunker chunker = chunker(128, 20);

		for (int page = 1; page <= 5; page++) {
			chunker.add(page, prose(page, 40));
		}
		chunker.finish();

		assertThat(this.chunks).hasSizeGreaterThan(10);
		assertThat(this.chunks).allSatisfy(chunk -> {
			assertThat(chunk.tokenCount()).isLessThanOrEqualTo(128);
			assertThat(COUNTER.count(chunk.text())).isEqualTo(chunk.tokenCount());
		});
		assertThat(this.chunks).extracting(Chunk::index)
			.containsExactlyElementsOf(IntStream.range(0, this.chunks.size()).boxed().toList());
		assertThat(chunker.chunkCount()).isEqualTo(this.chunks.size());
	}

	@Test
	void chunksEndAtSentenceBoundaries() {
		TextChunker chunker = chunker(128, 0);

		chunker.add(1, prose(1, 60));
		chunker.finish();

		assertThat(this.chunks).hasSizeGreaterThan(3).allSatisfy(chunk -> assertThat(chunk.text()).endsWith("."));
	}

	@Test
	void paragraphsThatFitAreNotSplit() {
		TextChunker chunker = chunker(128, 0);
		String first = prose(1, 4);
		String second = prose(2, 4);
		String third = prose(3, 4);

		chunker.add(1, first + "\n\n" + second + "\n \n" + third);
		chunker.finish();

		assertThat(this.chunks).extracting(Chunk::text)
			.allSatisfy(text -> assertThat(List.of(first, second, third, first + "\n\n" + second,
					second + "\n\n" + third)).contains(text));
		assertThat(String.join("\n\n", this.chunks.stream().map(Chunk::text).toList()))
			.isEqualTo(first + "\n\n" + second + "\n\n" + third);
	}

	@Test
	void consecutiveChunksOverlapByWholeTrailingSentences() {
		TextChunker chunker = chunker(128, 30);

		chunker.add(1, prose(1, 60));
		chunker.finish();

		assertThat(this.chunks).hasSizeGreaterThan(3);
		for (int i = 1; i < this.chunks.size(); i++) {
			String previous = this.chunks.get(i - 1).text();
			String next = this.chunks.get(i).text();
			String shared = longestSuffixThatStarts(previous, next);
			assertThat(shared).as("overlap of chunk %d", i).startsWith("Sentence ").endsWith(".");
			assertThat(previous).isNotEqualTo(shared);
			assertThat(COUNTER.count(shared) - 2).isLessThanOrEqualTo(30);
		}
	}

	@Test
	void withoutOverlapNoSentenceRepeats() {
		TextChunker chunker = chunker(128, 0);
		String text = prose(1, 60);

		chunker.add(1, text);
		chunker.finish();

		assertThat(String.join(" ", this.chunks.stream().map(Chunk::text).toList())).isEqualTo(text);
	}

	@Test
	void eachChunkRecordsThePageItStartsOn() {
		TextChunker chunker = chunker(128, 20);

		chunker.add(1, prose(1, 25));
		chunker.add(2, prose(2, 25));
		chunker.add(3, "  ");
		chunker.add(4, prose(4, 25));
		chunker.finish();

		assertThat(this.chunks).hasSizeGreaterThan(6).allSatisfy(chunk -> {
			Matcher first = Pattern.compile("^Sentence \\d+ of page (\\d+)").matcher(chunk.text());
			assertThat(first.find()).isTrue();
			assertThat(chunk.page()).isEqualTo(Integer.valueOf(first.group(1)));
		});
		assertThat(this.chunks).extracting(Chunk::page).isSorted().contains(1, 2, 4).doesNotContain(3);
	}

	@Test
	void textSegmentsHaveNoPage() {
		TextChunker chunker = chunker(128, 10);

		chunker.add(null, prose(1, 20));
		chunker.add(null, prose(2, 20));
		chunker.finish();

		assertThat(this.chunks).hasSizeGreaterThan(2).allSatisfy(chunk -> assertThat(chunk.page()).isNull());
	}

	@Test
	void sentenceLongerThanAChunkIsCutBetweenWords() {
		TextChunker chunker = chunker(64, 0);
		String words = String.join(" ", IntStream.range(0, 300).mapToObj(i -> "word" + i).toList());

		chunker.add(1, words);
		chunker.finish();

		assertThat(this.chunks).hasSizeGreaterThan(5).allSatisfy(chunk -> {
			assertThat(chunk.tokenCount()).isLessThanOrEqualTo(64);
			assertThat(chunk.text()).matches("word\\d+( word\\d+)*");
		});
		assertThat(String.join(" ", this.chunks.stream().map(Chunk::text).toList())).isEqualTo(words);
	}

	@Test
	void textWithoutSpacesIsCutWithinTheLimit() {
		TextChunker chunker = chunker(64, 0);
		// Punctuation splits tokens, so this is hundreds of tokens without a single space (a word of more than 100
		// chars without punctuation would be one [UNK] token).
		String blob = "a1-b2-c3-d4-e5-".repeat(100);

		chunker.add(1, blob);
		chunker.finish();

		assertThat(this.chunks).hasSizeGreaterThan(1)
			.allSatisfy(chunk -> assertThat(chunk.tokenCount()).isLessThanOrEqualTo(64));
		assertThat(String.join("", this.chunks.stream().map(Chunk::text).toList())).isEqualTo(blob);
	}

	@Test
	void aNewSectionStartsANewChunkWhoseContextCountsTowardsTheModelsWindow() {
		TextChunker chunker = chunker(64, 10);
		String sentence = "The employer reports the tips of each employee every month. ";

		chunker.section(null, "Employer's Tax Guide");
		chunker.add(1, "Cover page.");
		chunker.section("Tips", "Employer's Tax Guide\nTips");
		chunker.add(1, sentence.repeat(4));
		chunker.add(2, sentence.repeat(4));
		chunker.finish();

		assertThat(this.chunks.get(0)).satisfies(chunk -> {
			assertThat(chunk.text()).isEqualTo("Cover page.");
			assertThat(chunk.section()).isNull();
			assertThat(chunk.context()).isEqualTo("Employer's Tax Guide");
		});
		assertThat(this.chunks.subList(1, this.chunks.size())).hasSizeGreaterThan(1).allSatisfy(chunk -> {
			assertThat(chunk.section()).isEqualTo("Tips");
			assertThat(chunk.text()).doesNotContain("Cover page");
			assertThat(chunk.tokenCount()).isEqualTo(COUNTER.count(Chunk.embeddedText(chunk.context(), chunk.text())))
				.isLessThanOrEqualTo(64);
		});
		assertThat(this.chunks.get(this.chunks.size() - 1).lastPage()).isEqualTo(2);
	}

	@Test
	void aContextLongerThanAQuarterOfTheWindowIsLeftOut() {
		TextChunker chunker = chunker(64, 0);

		chunker.section("A very long heading", "word ".repeat(40));
		chunker.add(1, "Some text.");
		chunker.finish();

		assertThat(this.chunks).singleElement().satisfies(chunk -> {
			assertThat(chunk.context()).isEmpty();
			assertThat(chunk.section()).isEqualTo("A very long heading");
		});
	}

	@Test
	void aTableLongerThanAChunkIsCutBetweenRowsAndEachPartStartsWithItsHeader() {
		TextChunker chunker = chunker(128, 20);
		StringBuilder table = new StringBuilder("| Wage bracket | Single rate | Married rate |\n|---|---|---|");
		for (int row = 1; row <= 40; row++) {
			table.append("\n| over $").append(row * 1_000).append(" | ").append(row).append(".5% | ")
				.append(row * 2).append(".25% |");
		}

		chunker.add(1, "Withholding tables follow.\n\n" + table);
		chunker.finish();

		List<String> rows = TextChunker.tableRows(table.toString());
		assertThat(rows).hasSize(41).doesNotContain("|---|---|---|");
		assertThat(this.chunks).hasSizeGreaterThan(3).allSatisfy(chunk -> {
			assertThat(chunk.tokenCount()).isLessThanOrEqualTo(128);
			assertThat(chunk.text()).contains("| Wage bracket | Single rate | Married rate |\n| over $");
		});
		// Every row is in exactly one chunk, whole and on its own line.
		List<String> seen = this.chunks.stream()
			.flatMap(chunk -> chunk.text().lines())
			.filter(line -> line.startsWith("| over $"))
			.toList();
		assertThat(seen).containsExactlyElementsOf(rows.subList(1, rows.size()));
	}

	@Test
	void aParagraphIsATableWhenMostOfItsLinesHaveCells() {
		assertThat(TextChunker.tableRows("a | b\nplain prose line\nanother one")).isEmpty();
		assertThat(TextChunker.tableRows("only | one row")).isEmpty();
		assertThat(TextChunker.tableRows("PART I\nItem 1. | Business | 4\nItem 2. | Properties | 9"))
			.containsExactly("PART I", "Item 1. | Business | 4", "Item 2. | Properties | 9");
	}

	@Test
	void blankInputProducesNoChunks() {
		TextChunker chunker = chunker(128, 10);

		chunker.add(1, " \n\n\t ");
		chunker.add(2, "");
		chunker.finish();

		assertThat(this.chunks).isEmpty();
		assertThat(chunker.chunkCount()).isZero();
	}

	@Test
	void overlapOfMoreThanHalfAChunkIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> chunker(128, 65)).withMessageContaining("overlapTokens");
	}

	/** The longest suffix of {@code previous} that {@code next} starts with. */
	private static String longestSuffixThatStarts(String previous, String next) {
		for (int start = 0; start < previous.length(); start++) {
			if (next.startsWith(previous.substring(start))) {
				return previous.substring(start);
			}
		}
		return "";
	}

	private TextChunker chunker(int maxTokens, int overlapTokens) {
		return new TextChunker(COUNTER, maxTokens, overlapTokens, this.chunks::add);
	}

	/** {@code sentences} distinct sentences of 8-12 tokens each, numbered so that no two are alike. */
	private static String prose(int page, int sentences) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < sentences; i++) {
			if (i > 0) {
				text.append(' ');
			}
			text.append("Sentence ").append(i).append(" of page ").append(page)
				.append(" says the agency reviewed offer ").append(i * 7 + page).append('.');
		}
		return text.toString();
	}

}
