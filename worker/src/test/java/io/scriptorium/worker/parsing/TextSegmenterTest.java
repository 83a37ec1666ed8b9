package io.scriptorium.worker.parsing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextSegmenterTest {

	private List<String> split(String text, int maxChars) throws Exception {
		List<String> segments = new ArrayList<>();
		new TextSegmenter(maxChars).split(new StringReader(text), segments::add);
		return segments;
	}

	@Test
	void shortTextIsOneSegment() throws Exception {
		assertThat(split("short text", 100)).containsExactly("short text");
	}

	@Test
	void emptyTextHasNoSegments() throws Exception {
		assertThat(split("", 100)).isEmpty();
	}

	@Test
	void cutsAtTheLastParagraphBreakInTheWindow() throws Exception {
		String first = "a".repeat(30) + "\n" + "b".repeat(20) + "\n\n";
		String second = "c".repeat(40);
		assertThat(split(first + second, 80)).containsExactly(first, second);
	}

	@Test
	void cutsAtALineBreakWhenThereIsNoParagraphBreak() throws Exception {
		String first = "a".repeat(60) + "\n";
		assertThat(split(first + "b".repeat(40), 80)).containsExactly(first, "b".repeat(40));
	}

	@Test
	void cutsAtASpaceAndThenAnywhere() throws Exception {
		assertThat(split("a".repeat(50) + " " + "b".repeat(49), 80)).containsExactly("a".repeat(50) + " ",
				"b".repeat(49));
		assertThat(split("x".repeat(200), 80)).containsExactly("x".repeat(80), "x".repeat(80), "x".repeat(40));
	}

	@Test
	void neverSplitsASurrogatePair() throws Exception {
		String emoji = "\uD83D\uDE00";
		List<String> segments = split("x".repeat(79) + emoji + "y", 80);
		assertThat(segments).containsExactly("x".repeat(79), emoji + "y");
	}

	@Test
	void segmentsNeverExceedTheLimitAndJoinToTheInput() throws Exception {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 5_000; i++) {
			text.append("word").append(i).append((i % 13 == 0) ? "\n\n" : (i % 7 == 0) ? "\n" : " ");
		}
		List<String> segments = split(text.toString(), 1_000);
		assertThat(segments).allMatch((segment) -> segment.length() <= 1_000);
		assertThat(String.join("", segments)).isEqualTo(text.toString());
	}

}
