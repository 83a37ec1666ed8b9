package io.scriptorium.worker.parsing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownHeadingsTest {

	@Test
	void atxHeadingsOutsideCodeFencesWithTheirLevels() {
		MarkdownHeadings headings = new MarkdownHeadings();

		headings.scan(1, 0, "", "# Layout Parser ##\nIntro\n```\n# not a heading\n");
		headings.scan(2, 0, "", "still code\n```\n## Installation\npip install\n#hashtag is text");

		assertThat(headings.headings()).containsExactly(new Heading(1, 1, "Layout Parser"),
				new Heading(2, 2, "Installation"));
		assertThat(headings.title()).isEqualTo("Layout Parser");
	}

}
