package io.scriptorium.worker.testing;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * PDFs made here for OCR tests: pages with a text layer, and "scanned" pages that are one image of printed lines (as
 * a scanner makes them), optionally with a small text label over the image.
 */
public final class ScannedPdfs {

	/**
	 * A page of the PDF: its lines, and whether it is an image of them (and with which label, if any); no lines and
	 * not scanned is a blank page.
	 */
	public record Page(List<String> lines, boolean scanned, String label) {

		public static Page text(String... lines) {
			return new Page(List.of(lines), false, null);
		}

		public static Page scan(String... lines) {
			return new Page(List.of(lines), true, null);
		}

		public static Page labelledScan(String label, String... lines) {
			return new Page(List.of(lines), true, label);
		}

	}

	private ScannedPdfs() {
	}

	public static Path write(Path file, List<Page> pages) throws IOException {
		try (PDDocument pdf = new PDDocument()) {
			PDType1Font helvetica = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
			for (Page content : pages) {
				PDPage page = new PDPage(PDRectangle.LETTER);
				pdf.addPage(page);
				try (PDPageContentStream stream = new PDPageContentStream(pdf, page)) {
					if (content.scanned()) {
						PDImageXObject image = LosslessFactory.createFromImage(pdf, printed(content.lines(), 200));
						stream.drawImage(image, 0, 0, PDRectangle.LETTER.getWidth(), PDRectangle.LETTER.getHeight());
						if (content.label() != null) {
							lines(stream, helvetica, 6, List.of(content.label()), 20);
						}
					}
					else {
						lines(stream, helvetica, 12, content.lines(), 720);
					}
				}
			}
			pdf.save(file.toFile());
		}
		return file;
	}

	private static void lines(PDPageContentStream stream, PDType1Font font, float size, List<String> lines, float top)
			throws IOException {
		stream.beginText();
		stream.setFont(font, size);
		stream.newLineAtOffset(72, top);
		for (String line : lines) {
			stream.showText(line);
			stream.newLineAtOffset(0, -size * 1.5f);
		}
		stream.endText();
	}

	/** The lines printed in 12-point type on a letter page scanned at {@code dpi}, in grey. */
	private static BufferedImage printed(List<String> lines, int dpi) {
		int width = (int) (8.5 * dpi);
		int height = 11 * dpi;
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
		Graphics2D graphics = image.createGraphics();
		graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		graphics.setColor(Color.WHITE);
		graphics.fillRect(0, 0, width, height);
		graphics.setColor(Color.BLACK);
		int points = 12 * dpi / 72;
		graphics.setFont(new Font(Font.SERIF, Font.PLAIN, points));
		int y = dpi;
		for (String line : lines) {
			graphics.drawString(line, dpi, y);
			y += points * 3 / 2;
		}
		graphics.dispose();
		return image;
	}

}
