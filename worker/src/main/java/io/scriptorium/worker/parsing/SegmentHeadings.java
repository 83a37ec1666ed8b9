package io.scriptorium.worker.parsing;

import io.scriptorium.workflows.document.DocumentType;
import java.util.List;

/**
 * Finds the headings of a text format as its segments go by (they are the "pages" of a text file), so that chunks
 * get section paths as they do from a PDF's outline. One per document; at most
 * {@link DocumentOutline#MAX_HEADINGS} headings, each title cut at {@link DocumentOutline#MAX_TITLE_CHARS}.
 */
interface SegmentHeadings {

	/**
	 * @param segment the number the segment is stored under
	 * @param start where the segment starts in the whole text, before cleaning
	 * @param raw the segment before cleaning
	 * @param text the segment as stored (cleaned)
	 */
	void scan(int segment, long start, String raw, String text);

	List<Heading> headings();

	/** The document's title, or empty. */
	String title();

	/** No headings: formats without a way to tell them. */
	SegmentHeadings NONE = new SegmentHeadings() {

		@Override
		public void scan(int segment, long start, String raw, String text) {
		}

		@Override
		public List<Heading> headings() {
			return List.of();
		}

		@Override
		public String title() {
			return "";
		}

	};

	/** The headings finder of a text format; {@code html}, the parsed page of an HTML file (null for the others). */
	static SegmentHeadings of(DocumentType type, HtmlText.Parsed html) {
		return switch (type) {
			case MD -> new MarkdownHeadings();
			case HTML -> new HtmlHeadings(html);
			case TXT -> new PlainTextHeadings();
			default -> NONE;
		};
	}

	static String cut(String title) {
		String line = title.strip().replaceAll("\\s+", " ");
		return (line.length() > DocumentOutline.MAX_TITLE_CHARS)
				? line.substring(0, DocumentOutline.MAX_TITLE_CHARS).strip() : line;
	}

}
