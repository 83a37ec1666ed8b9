package io.scriptorium.worker.chunking;

import static org.assertj.core.api.Assertions.assertThat;

import io.scriptorium.worker.chunking.Sections.Heading;
import io.scriptorium.worker.chunking.Sections.Piece;
import java.util.List;
import org.junit.jupiter.api.Test;

class SectionsTest {

	@Test
	void pagesAreCutWhereTheirHeadingsStartAndEachPieceKnowsItsPath() {
		Sections sections = new Sections(List.of(new Heading(1, 1, "Introduction"), new Heading(2, 1, "Withholding"),
				new Heading(2, 2, "Tips"), new Heading(3, 2, "Supplemental Wages")));

		assertThat(sections.split(1, "Cover text\nINTRODUCTION\nThis guide explains."))
			.containsExactly(new Piece(null, "Cover text\n"), new Piece("Introduction", "INTRODUCTION\nThis guide explains."));
		assertThat(sections.split(2, "More about the guide. Withholding\nEmployers withhold. Tips\nReport tips."))
			.containsExactly(new Piece("Introduction", "More about the guide. "),
					new Piece("Withholding", "Withholding\nEmployers withhold. "),
					new Piece("Withholding > Tips", "Tips\nReport tips."));
		// Not printed on its page: the section starts at the page's top.
		assertThat(sections.split(3, "Bonuses are wages."))
			.containsExactly(new Piece("Withholding > Supplemental Wages", "Bonuses are wages."));
		assertThat(sections.split(4, "Still the same section."))
			.containsExactly(new Piece("Withholding > Supplemental Wages", "Still the same section."));
	}

	@Test
	void aMarkdownHeadingKeepsItsMarks() {
		Sections sections = new Sections(List.of(new Heading(1, 2, "Install")));

		assertThat(sections.split(1, "Intro.\n\n## Install\npip install it"))
			.containsExactly(new Piece(null, "Intro.\n\n"), new Piece("Install", "## Install\npip install it"));
	}

	@Test
	void contextHasTheTitleUnlessTheSectionStartsWithIt() {
		assertThat(Sections.context("2013 Publication 15", "Tips")).isEqualTo("2013 Publication 15\nTips");
		assertThat(Sections.context(null, "Tips")).isEqualTo("Tips");
		assertThat(Sections.context("Guide", null)).isEqualTo("Guide");
		assertThat(Sections.context("Guide", "Guide > Tips")).isEqualTo("Guide > Tips");
		assertThat(Sections.context(" ", null)).isEmpty();
	}

}
