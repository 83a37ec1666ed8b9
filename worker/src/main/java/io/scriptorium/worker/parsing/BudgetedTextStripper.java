package io.scriptorium.worker.parsing;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.contentstream.operator.OperatorName;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageTree;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;

/**
 * PDFBox's text stripper for one page at a time, held to a {@link PageBudget}. Every operator of the page's content
 * stream and of the form XObjects it draws passes through {@link #processOperator}, every glyph through
 * {@link #showGlyph}, and every content stream is measured decoded before it is parsed: that is where a hostile
 * page (forms that draw forms 16 times over, 10 levels deep; millions of {@code q}; 10<sup>8</sup> glyphs; a stream
 * that inflates 2,700-fold) is stopped, before it costs minutes or the heap.
 */
final class BudgetedTextStripper extends PDFTextStripper {

	/** A page that needs more than its budget. */
	static final class PageTooComplex extends RuntimeException {

		PageTooComplex(String message) {
			super(message, null, false, false);
		}

	}

	private final PageBudget budget;

	private PDPage page;

	private long operators;

	private long glyphs;

	private long contentBytes;

	/** Forms whose content was already counted: a form drawn a million times is decoded for the budget once. */
	private final Set<COSStream> countedForms = Collections.newSetFromMap(new IdentityHashMap<>());

	BudgetedTextStripper(PageBudget budget) {
		this.budget = budget;
		setStartPage(0);
	}

	/** The text of one page; throws {@link PageTooComplex} when the page is over its budget. */
	String text(PDDocument document, PDPage page) throws IOException {
		this.page = page;
		this.operators = 0;
		this.glyphs = 0;
		this.contentBytes = 0;
		this.countedForms.clear();
		return getText(document);
	}

	/**
	 * Content streams are decoded before a single operator is read, and one of 195 KB can inflate to 512 MiB of
	 * white space: their decoded size counts against the page's budget first.
	 */
	@Override
	public void processPage(PDPage page) throws IOException {
		for (Iterator<PDStream> streams = page.getContentStreams(); streams.hasNext();) {
			countContent(streams.next().getCOSObject());
		}
		super.processPage(page);
	}

	@Override
	public void showForm(PDFormXObject form) throws IOException {
		if (this.countedForms.add(form.getCOSObject())) {
			countContent(form.getCOSObject());
		}
		super.showForm(form);
	}

	private void countContent(COSStream stream) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		try (InputStream in = stream.createInputStream()) {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				this.contentBytes += n;
				if (this.contentBytes > this.budget.maxContentBytes()) {
					throw new PageTooComplex("content streams that decode to more than "
							+ this.budget.maxContentBytes() / (1024 * 1024) + " MB");
				}
			}
		}
	}

	/**
	 * Only the page asked for: PDFTextStripper walks the whole page tree for every call even when a start and end
	 * page are set, which for a tree of shared kids is the attack itself. Its page counter then stays 0, which the
	 * start page set in the constructor lets through.
	 */
	@Override
	protected void processPages(PDPageTree pages) throws IOException {
		processPage(this.page);
	}

	@Override
	protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
		if (++this.operators > this.budget.maxOperators()) {
			throw new PageTooComplex("more than " + this.budget.maxOperators() + " content operators");
		}
		if (OperatorName.SAVE.equals(operator.getName())
				&& getGraphicsStackSize() >= this.budget.maxGraphicsDepth()) {
			throw new PageTooComplex("graphics states nested deeper than " + this.budget.maxGraphicsDepth());
		}
		super.processOperator(operator, operands);
	}

	@Override
	protected void showGlyph(Matrix textRenderingMatrix, PDFont font, int code, Vector displacement)
			throws IOException {
		if (++this.glyphs > this.budget.maxGlyphs()) {
			throw new PageTooComplex("more than " + this.budget.maxGlyphs() + " glyphs");
		}
		super.showGlyph(textRenderingMatrix, font, code, displacement);
	}

}
