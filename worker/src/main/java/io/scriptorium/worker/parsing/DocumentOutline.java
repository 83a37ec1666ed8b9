package io.scriptorium.worker.parsing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineNode;

/**
 * A PDF's title and outline (its bookmarks: LibreOffice writes them from a document's headings), read in the
 * parser process. Bounded, because an outline is as hostile as the rest of the file: so many headings, so deep,
 * titles so long, and no more; an outline that cannot be read is no outline, never a failed document.
 */
final class DocumentOutline {

	static final int MAX_HEADINGS = 10_000;

	static final int MAX_DEPTH = 12;

	static final int MAX_TITLE_CHARS = 200;

	private DocumentOutline() {
	}

	/** @param pages the page tree's leaves, in page order */
	static ParserFrames.Outline of(PDDocument pdf, List<COSDictionary> pages) {
		List<Heading> headings = new ArrayList<>();
		try {
			PDOutlineNode root = pdf.getDocumentCatalog().getDocumentOutline();
			if (root != null) {
				Map<COSDictionary, Integer> numbers = new IdentityHashMap<>();
				for (int i = 0; i < pages.size(); i++) {
					numbers.put(pages.get(i), i + 1);
				}
				collect(pdf, root, 1, numbers, headings, new int[] { 2 * MAX_HEADINGS });
			}
		}
		catch (IOException | RuntimeException | StackOverflowError ex) {
			headings.clear();
		}
		return new ParserFrames.Outline(title(pdf), headings);
	}

	/**
	 * @param visits items that may still be visited, over the whole outline: a cycle in its links (to a sibling or
	 * an ancestor) or items that point nowhere must not keep the parser busy
	 */
	private static void collect(PDDocument pdf, PDOutlineNode node, int level, Map<COSDictionary, Integer> numbers,
			List<Heading> headings, int[] visits) throws IOException {
		for (PDOutlineItem item : node.children()) {
			if (headings.size() >= MAX_HEADINGS || --visits[0] < 0) {
				return;
			}
			PDPage page = item.findDestinationPage(pdf);
			Integer number = (page != null) ? numbers.get(page.getCOSObject()) : null;
			String title = clean(item.getTitle());
			if (number != null && !title.isEmpty()) {
				headings.add(new Heading(number, level, title));
			}
			if (level < MAX_DEPTH) {
				collect(pdf, item, level + 1, numbers, headings, visits);
			}
		}
	}

	private static String title(PDDocument pdf) {
		try {
			return clean(pdf.getDocumentInformation().getTitle());
		}
		catch (RuntimeException ex) {
			return "";
		}
	}

	private static String clean(String text) {
		if (text == null) {
			return "";
		}
		return SegmentHeadings.cut(TextCleaner.clean(text));
	}

}
