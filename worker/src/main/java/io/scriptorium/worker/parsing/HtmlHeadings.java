package io.scriptorium.worker.parsing;

import java.util.ArrayList;
import java.util.List;

/** An HTML page's headings ({@code h1}-{@code h6}), each given the segment its place in the text falls in. */
final class HtmlHeadings implements SegmentHeadings {

	private final HtmlText.Parsed page;

	private final List<Heading> headings = new ArrayList<>();

	private int next;

	HtmlHeadings(HtmlText.Parsed page) {
		this.page = page;
	}

	@Override
	public void scan(int segment, long start, String raw, String text) {
		long end = start + raw.length();
		while (this.next < this.page.headings().size() && this.page.headings().get(this.next).offset() < end) {
			HtmlText.Offset heading = this.page.headings().get(this.next++);
			this.headings.add(new Heading(segment, heading.level(), heading.title()));
		}
	}

	@Override
	public List<Heading> headings() {
		return this.headings;
	}

	@Override
	public String title() {
		return this.page.title();
	}

}
