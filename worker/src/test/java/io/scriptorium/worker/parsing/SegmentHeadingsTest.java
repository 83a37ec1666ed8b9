package io.scriptorium.worker.parsing;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class SegmentHeadingsTest {

	@Test
	void plainTextBooksHaveTheirDivisionsAsHeadings() {
		PlainTextHeadings headings = new PlainTextHeadings();

		headings.scan(1, 0, "", "CHAPTER I\n\n\"Well, Prince, so Genoa and Lucca are now just family estates.\"");
		headings.scan(2, 0, "", "The end of a chapter.\n\nBOOK TWO: 1805\n\nCHAPTER I\n\nIn October 1805 a Russian army"
				+ " was occupying the villages.\n\nChapter and verse were quoted at length in that letter, and more.");

		assertThat(headings.headings()).containsExactly(new Heading(1, 3, "CHAPTER I"),
				new Heading(2, 2, "BOOK TWO: 1805"), new Heading(2, 3, "CHAPTER I"));
	}

	@Test
	void htmlHeadingsFallInTheSegmentThatHoldsThem() {
		HtmlText.Parsed page = HtmlText.parse(Jsoup.parse("<title>Form 10-K</title><h1>Part I</h1><p>" + "x".repeat(50)
				+ "</p><h2>Item 1. Business</h2><p>We make casino table games.</p>"));
		HtmlHeadings headings = new HtmlHeadings(page);
		int split = page.text().indexOf("Item 1.") - 5;

		headings.scan(1, 0, page.text().substring(0, split), "");
		headings.scan(2, split, page.text().substring(split), "");

		assertThat(headings.title()).isEqualTo("Form 10-K");
		assertThat(headings.headings()).containsExactly(new Heading(1, 1, "Part I"),
				new Heading(2, 2, "Item 1. Business"));
	}

}
