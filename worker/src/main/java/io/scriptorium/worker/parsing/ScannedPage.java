package io.scriptorium.worker.parsing;

import java.awt.geom.Point2D;
import java.io.IOException;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;

/**
 * Whether a page is for OCR: its text layer is empty and it draws something (an image, or vector art: a logo whose
 * letters are outlines; a page that draws nothing is blank and not worth a Tesseract run), or it holds almost nothing
 * ({@link #MAX_LABEL_CHARS}) while images cover most of the page ({@link #MIN_IMAGE_COVERAGE}): a scan that a tool
 * stamped with a label or a page number is still a scan. Images are measured where the page draws them, without
 * decoding them.
 */
final class ScannedPage {

	/** Fewer visible characters than this are a label, not a text layer. */
	static final int MAX_LABEL_CHARS = 100;

	static final double MIN_IMAGE_COVERAGE = 0.5;

	private ScannedPage() {
	}

	static boolean needsOcr(PDPage page, String text) {
		int visible = 0;
		for (int i = 0; i < text.length() && visible < MAX_LABEL_CHARS; i++) {
			visible += Character.isWhitespace(text.charAt(i)) ? 0 : 1;
		}
		if (visible >= MAX_LABEL_CHARS) {
			return false;
		}
		try {
			Drawing drawing = drawing(page);
			return (visible == 0) ? drawing.anything() : drawing.imageCoverage() >= MIN_IMAGE_COVERAGE;
		}
		catch (IOException | RuntimeException ex) {
			// The text was read; a page whose drawing fails is left with its text.
			return false;
		}
	}

	/**
	 * What a page draws besides text: the share of its crop box that images cover (overlaps counted twice, so capped
	 * at 1), and whether it paints anything at all.
	 */
	record Drawing(double imageCoverage, boolean anything) {
	}

	static Drawing drawing(PDPage page) throws IOException {
		PDRectangle box = page.getCropBox();
		double pageArea = (double) box.getWidth() * box.getHeight();
		if (pageArea <= 0) {
			return new Drawing(0, false);
		}
		ImageAreas areas = new ImageAreas(page, box);
		areas.processPage(page);
		return new Drawing(Math.min(1, areas.covered / pageArea), areas.covered > 0 || areas.painted);
	}

	/**
	 * Adds up the page area of every image drawn (the unit square through the current transformation), and notes
	 * whether any path or shading is painted.
	 */
	private static final class ImageAreas extends PDFGraphicsStreamEngine {

		private final PDRectangle box;

		private double covered;

		private boolean painted;

		ImageAreas(PDPage page, PDRectangle box) {
			super(page);
			this.box = box;
		}

		@Override
		public void drawImage(PDImage image) {
			Matrix ctm = getGraphicsState().getCurrentTransformationMatrix();
			double minX = Double.MAX_VALUE;
			double minY = Double.MAX_VALUE;
			double maxX = -Double.MAX_VALUE;
			double maxY = -Double.MAX_VALUE;
			for (int corner = 0; corner < 4; corner++) {
				Point2D.Float point = ctm.transformPoint(corner & 1, corner >> 1);
				minX = Math.min(minX, point.x);
				minY = Math.min(minY, point.y);
				maxX = Math.max(maxX, point.x);
				maxY = Math.max(maxY, point.y);
			}
			double width = Math.min(maxX, this.box.getUpperRightX()) - Math.max(minX, this.box.getLowerLeftX());
			double height = Math.min(maxY, this.box.getUpperRightY()) - Math.max(minY, this.box.getLowerLeftY());
			if (width > 0 && height > 0) {
				this.covered += width * height;
			}
		}

		@Override
		public void appendRectangle(Point2D p0, Point2D p1, Point2D p2, Point2D p3) {
		}

		@Override
		public void clip(int windingRule) {
		}

		@Override
		public void moveTo(float x, float y) {
		}

		@Override
		public void lineTo(float x, float y) {
		}

		@Override
		public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
		}

		@Override
		public Point2D getCurrentPoint() {
			return new Point2D.Float();
		}

		@Override
		public void closePath() {
		}

		@Override
		public void endPath() {
		}

		@Override
		public void strokePath() {
			this.painted = true;
		}

		@Override
		public void fillPath(int windingRule) {
			this.painted = true;
		}

		@Override
		public void fillAndStrokePath(int windingRule) {
			this.painted = true;
		}

		@Override
		public void shadingFill(org.apache.pdfbox.cos.COSName shadingName) {
			this.painted = true;
		}

	}

}
