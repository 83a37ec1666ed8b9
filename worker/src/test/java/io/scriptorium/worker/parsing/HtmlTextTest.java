package io.scriptorium.worker.parsing;

import static org.assertj.core.api.Assertions.assertThat;

import io.scriptorium.workflows.testing.Corpus;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class HtmlTextTest {

	private static String visible(String html) {
		return TextCleaner.clean(HtmlText.parse(Jsoup.parse(html)).text());
	}

	@Test
	void scriptsStylesAndHiddenElementsAreLeftOut() {
		assertThat(visible("""
				<html><head><title>T</title><style>.x{}</style></head><body>
				<script>alert(1)</script><noscript>enable js</noscript><p hidden>h</p>
				<div style="DISPLAY: none">n</div><span style="visibility:hidden">v</span>shown
				</body></html>""")).isEqualTo("shown");
	}

	@Test
	void blocksBreakLinesAndSourceLineBreaksDoNot() {
		assertThat(visible("<h2>Title</h2><p>one\ntwo</p><div>three</div><div>four<br>five</div>"))
			.isEqualTo("Title\n\none two\n\nthree\nfour\nfive");
	}

	@Test
	void preformattedTextKeepsItsLines() {
		assertThat(visible("<p>code:</p><pre>line 1\nline 2</pre>")).isEqualTo("code:\n\nline 1\nline 2");
	}

	@Test
	void tablesAreParagraphsWithARowALineAndCellsBetweenBars() {
		assertThat(visible("<p>before</p><div>lead<table><tr><th>a</th><th> </th><th>b</th></tr>"
				+ "<tr><td>1</td><td></td><td><p>2</p><div>x<br>y</div></td></tr></table>after</div>"))
			.isEqualTo("before\n\nlead\n\na | b\n1 | 2 x y\n\nafter");
	}

	@Test
	void secFilingKeepsItsProse() throws Exception {
		String text = TextCleaner.clean(HtmlText.parse(Corpus.file("html-sec-10k-excerpt-unstructured.html")).text());
		assertThat(text).hasSizeGreaterThan(1_000).doesNotContain("<", "{");
	}

}
