package io.scriptorium.worker.parsing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageFitDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class DocumentOutlineTest {

	@Test
	void bookmarksBecomeHeadingsWithTheirPagesAndLevels() throws Exception {
		try (PDDocument pdf = new PDDocument()) {
			PDPage first = new PDPage();
			PDPage second = new PDPage();
			pdf.addPage(first);
			pdf.addPage(second);
			PDDocumentOutline outline = new PDDocumentOutline();
			pdf.getDocumentCatalog().setDocumentOutline(outline);
			PDOutlineItem chapter = item("Chapter 1  Introduction", first);
			outline.addLast(chapter);
			chapter.addLast(item("1.1 Scope", second));
			pdf.getDocumentInformation().setTitle("Employer's\nTax Guide");

			ParserFrames.Outline read = DocumentOutline.of(pdf, leaves(pdf));

			assertThat(read.title()).isEqualTo("Employer's Tax Guide");
			assertThat(read.headings()).containsExactly(new Heading(1, 1, "Chapter 1 Introduction"),
					new Heading(2, 2, "1.1 Scope"));
		}
	}

	/**
	 * A bookmark that is its own next sibling and its own first child: walked naively, twelve levels of ten
	 * thousand visits each; the walk ends within its budget, with the headings it could read.
	 */
	@Test
	@Timeout(10)
	void aCyclicOutlineEndsTheWalk() throws Exception {
		try (PDDocument pdf = new PDDocument()) {
			PDPage page = new PDPage();
			pdf.addPage(page);
			PDDocumentOutline outline = new PDDocumentOutline();
			pdf.getDocumentCatalog().setDocumentOutline(outline);
			PDOutlineItem loop = item("Again", page);
			outline.addLast(loop);
			loop.getCOSObject().setItem(COSName.NEXT, loop.getCOSObject());
			loop.getCOSObject().setItem(COSName.FIRST, loop.getCOSObject());

			ParserFrames.Outline read = DocumentOutline.of(pdf, leaves(pdf));

			assertThat(read.headings()).hasSizeLessThanOrEqualTo(DocumentOutline.MAX_HEADINGS)
				.allSatisfy(heading -> assertThat(heading.title()).isEqualTo("Again"));
		}
	}

	private static PDOutlineItem item(String title, PDPage page) {
		PDOutlineItem item = new PDOutlineItem();
		item.setTitle(title);
		PDPageFitDestination destination = new PDPageFitDestination();
		destination.setPage(page);
		item.setDestination(destination);
		return item;
	}

	private static List<COSDictionary> leaves(PDDocument pdf) {
		return PageTreeLeaves.of(pdf.getPages().getCOSObject(), 10);
	}

}
