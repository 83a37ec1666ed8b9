package io.scriptorium.worker.parsing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ATX headings ({@code #} to {@code ######} at the start of a line) of a Markdown file, segment by segment, and
 * its title: the first top-level heading. Lines inside fenced code blocks are code, not headings.
 */
final class MarkdownHeadings implements SegmentHeadings {

	private static final Pattern HEADING = Pattern.compile("^(#{1,6})[ \\t]+(.+?)[ \\t#]*$", Pattern.MULTILINE);

	private static final Pattern FENCE = Pattern.compile("^(```|~~~)", Pattern.MULTILINE);

	private final List<Heading> headings = new ArrayList<>();

	private boolean inFence;

	@Override
	public void scan(int segment, long start, String raw, String text) {
		int from = 0;
		Matcher fence = FENCE.matcher(text);
		Matcher heading = HEADING.matcher(text);
		while (from < text.length()) {
			int fenceAt = fence.find(from) ? fence.start() : text.length();
			if (!this.inFence) {
				heading.region(from, fenceAt);
				while (heading.find() && this.headings.size() < DocumentOutline.MAX_HEADINGS) {
					this.headings
						.add(new Heading(segment, heading.group(1).length(), SegmentHeadings.cut(heading.group(2))));
				}
			}
			if (fenceAt == text.length()) {
				return;
			}
			this.inFence = !this.inFence;
			from = fence.end();
		}
	}

	@Override
	public List<Heading> headings() {
		return this.headings;
	}

	@Override
	public String title() {
		return this.headings.stream().filter(h -> h.level() == 1).map(Heading::title).findFirst().orElse("");
	}

}
