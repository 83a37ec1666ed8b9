package io.scriptorium.worker.parsing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextCleanerTest {

	@Test
	void nulAndOtherControlCharactersAreRemoved() {
		assertThat(TextCleaner.clean("a\u0000b\u0007c\u001Bd\uFEFF")).isEqualTo("abcd");
	}

	@Test
	void runsOfSpacesTabsAndNoBreakSpacesBecomeOneSpace() {
		assertThat(TextCleaner.clean("one \t\u00A0 two\u2003three")).isEqualTo("one two three");
	}

	@Test
	void lineBreaksAreKeptAndBlankLinesCollapseToOneParagraphBreak() {
		assertThat(TextCleaner.clean("line one  \r\nline two\r\n \r\n\n\n\fnext paragraph"))
			.isEqualTo("line one\nline two\n\nnext paragraph");
	}

	@Test
	void leadingAndTrailingWhitespaceIsTrimmed() {
		assertThat(TextCleaner.clean("\n\n  text \n ")).isEqualTo("text");
		assertThat(TextCleaner.clean(" \n\t\u0000 ")).isEmpty();
	}

	@Test
	void loneSurrogatesAreDroppedAndPairsKept() {
		assertThat(TextCleaner.clean("a\uD800b\uDC00c\uD83D\uDE00")).isEqualTo("abc\uD83D\uDE00");
	}

}
