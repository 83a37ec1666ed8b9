package io.scriptorium.worker.ocr;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page renderer process: {@code PageRenderMain file dpi maxPixels directory page...} renders each page to
 * {@code directory/page-N.pgm} in grey and then prints {@code N dpi} on its standard output (nothing else goes
 * there). PGM, not PNG: raw bytes cost nothing to write and to read, where PNG would compress a file that lives for
 * seconds. It runs apart from the worker ({@link PageRenderer}) because rendering decodes the page's images: a
 * decompression bomb exhausts this process's heap, not the worker's.
 */
public final class PageRenderMain {

	private PageRenderMain() {
	}

	public static void main(String[] args) throws IOException {
		PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
		System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
		if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
			root.setLevel(ch.qos.logback.classic.Level.ERROR);
		}
		Path file = Path.of(args[0]);
		int dpi = Integer.parseInt(args[1]);
		long maxPixels = Long.parseLong(args[2]);
		Path directory = Path.of(args[3]);
		try (PDDocument pdf = Loader.loadPDF(file.toFile(), "", IOUtils.createTempFileOnlyStreamCache())) {
			PDFRenderer renderer = new PDFRenderer(pdf);
			// An image larger than it is drawn is decoded at the size it is drawn: a scan's 600-dpi image rendered
			// at 300 needs a quarter of the memory.
			renderer.setSubsamplingAllowed(true);
			for (int i = 4; i < args.length; i++) {
				int number = Integer.parseInt(args[i]);
				int pageDpi = fittingDpi(pdf.getPage(number - 1), dpi, maxPixels);
				BufferedImage image = renderer.renderImageWithDPI(number - 1, pageDpi, ImageType.GRAY);
				writePgm(image, directory.resolve("page-" + number + ".pgm"));
				out.println(number + " " + pageDpi);
			}
		}
		System.exit(0);
	}

	/** A grey image as binary PGM (Netpbm), which Tesseract reads as it is. */
	static void writePgm(BufferedImage image, Path target) throws IOException {
		byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
		try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
			String header = "P5\n" + image.getWidth() + " " + image.getHeight() + "\n255\n";
			out.write(header.getBytes(StandardCharsets.US_ASCII));
			out.write(pixels, 0, image.getWidth() * image.getHeight());
		}
	}

	/** The resolution at which the page has at most {@code maxPixels}, up to {@code dpi}. */
	static int fittingDpi(PDPage page, int dpi, long maxPixels) {
		PDRectangle box = page.getCropBox();
		double squareInches = Math.abs((double) box.getWidth() * box.getHeight()) / (72.0 * 72.0);
		if (squareInches <= 0) {
			return dpi;
		}
		int fitting = (int) Math.floor(Math.sqrt(maxPixels / squareInches));
		return Math.max(1, Math.min(dpi, fitting));
	}

}
