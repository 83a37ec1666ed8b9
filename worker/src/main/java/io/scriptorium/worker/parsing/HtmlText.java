package io.scriptorium.worker.parsing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;

/**
 * The text a browser would show: no scripts, styles or hidden elements (inline XBRL filings hide a whole header
 * with {@code display:none}), a line break after each block, a blank line after paragraphs and headings, a table
 * as its own paragraph with a row a line and its cells between {@code |}.
 */
final class HtmlText {

	private static final Set<String> INVISIBLE = Set.of("script", "style", "noscript", "template", "head", "svg",
			"object", "iframe");

	private static final List<String> HEADINGS = List.of("h1", "h2", "h3", "h4", "h5", "h6");

	private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
			"pre", "blockquote");

	private HtmlText() {
	}

	/** A heading, where it starts in the text. */
	record Offset(int offset, int level, String title) {
	}

	/** The text, the page's title and its headings {@code h1}-{@code h6}. */
	record Parsed(String text, String title, List<Offset> headings) {
	}

	/** Parses the file in the charset it declares (BOM or meta), else UTF-8. */
	static Parsed parse(Path file) throws IOException {
		return parse(Jsoup.parse(file.toFile(), null));
	}

	static Parsed parse(Document document) {
		StringBuilder text = new StringBuilder();
		List<Offset> headings = new ArrayList<>();
		document.filter(new NodeFilter() {

			/** Inside {@code <pre>}, the source's line breaks are the text's. */
			private int preformatted;

			/** Inside a table cell, blocks are words of the cell: a row stays one line. */
			private int cells;

			@Override
			public FilterResult head(Node node, int depth) {
				if (node instanceof TextNode textNode) {
					String whole = textNode.getWholeText();
					text.append((this.preformatted > 0) ? whole : whole.replace('\n', ' ').replace('\r', ' '));
				}
				else if (node instanceof Element element) {
					if (isInvisible(element)) {
						return FilterResult.SKIP_ENTIRELY;
					}
					if (element.normalName().equals("pre")) {
						this.preformatted++;
					}
					if (element.normalName().equals("br")) {
						text.append((this.cells > 0) ? ' ' : '\n');
					}
					else if (isCell(element)) {
						if (element.text().isBlank()) {
							return FilterResult.SKIP_ENTIRELY;
						}
						if (this.cells++ == 0) {
							breakCell(text);
						}
					}
					else if (element.isBlock() && this.cells > 0) {
						text.append(' ');
					}
					else if (element.normalName().equals("table")) {
						breakLines(text, 2);
					}
					else if (element.isBlock()) {
						breakLines(text, 1);
					}
					int level = HEADINGS.indexOf(element.normalName()) + 1;
					if (level > 0 && headings.size() < DocumentOutline.MAX_HEADINGS && !element.text().isBlank()) {
						headings.add(new Offset(text.length(), level, SegmentHeadings.cut(element.text())));
					}
				}
				return FilterResult.CONTINUE;
			}

			@Override
			public FilterResult tail(Node node, int depth) {
				if (node instanceof Element element) {
					if (element.normalName().equals("pre")) {
						this.preformatted--;
					}
					if (isCell(element)) {
						this.cells--;
					}
					else if (element.isBlock() && this.cells > 0) {
						text.append(' ');
					}
					else if (PARAGRAPHS.contains(element.normalName())) {
						breakLines(text, 2);
					}
					else if (element.isBlock()) {
						breakLines(text, 1);
					}
				}
				return FilterResult.CONTINUE;
			}

		});
		return new Parsed(text.toString(), SegmentHeadings.cut(document.title()), headings);
	}

	/**
	 * Ends the text with {@code breaks} line breaks, counting those already there: the end of one block and the
	 * start of the next are one line break, not a paragraph break. Blanks before them (the source's indentation
	 * between tags) would hide the ones already there, so they go first.
	 */
	private static void breakLines(StringBuilder text, int breaks) {
		int end = text.length();
		while (end > 0 && text.charAt(end - 1) != '\n' && Character.isWhitespace(text.charAt(end - 1))) {
			end--;
		}
		text.setLength(end);
		if (end == 0) {
			return;
		}
		int existing = 0;
		while (existing < breaks && existing < end && text.charAt(end - 1 - existing) == '\n') {
			existing++;
		}
		text.append("\n".repeat(breaks - existing));
	}

	/**
	 * Separates a cell from the one before it in its row with {@code |}, as Markdown writes a table: the chunker
	 * then tells the rows and the header row apart. Cells with nothing to show (layout columns) are skipped.
	 */
	private static void breakCell(StringBuilder text) {
		int end = text.length();
		while (end > 0 && text.charAt(end - 1) == ' ') {
			end--;
		}
		text.setLength(end);
		if (end > 0 && text.charAt(end - 1) != '\n') {
			text.append(" | ");
		}
	}

	private static boolean isCell(Element element) {
		return element.normalName().equals("td") || element.normalName().equals("th");
	}

	private static boolean isInvisible(Element element) {
		if (INVISIBLE.contains(element.normalName()) || element.hasAttr("hidden")) {
			return true;
		}
		String style = element.attr("style").replace(" ", "").toLowerCase(Locale.ROOT);
		return style.contains("display:none") || style.contains("visibility:hidden");
	}

}
