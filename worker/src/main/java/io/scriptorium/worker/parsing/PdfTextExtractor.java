package io.scriptorium.worker.parsing;

import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.failure.ErrorCode;
import io.scriptorium.workflows.failure.Failures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts a PDF's text page by page with PDFBox. The document is read from a file and its streams are cached in
 * temporary files, so a 400-page PDF does not need its size in heap.
 */
final class PdfTextExtractor {

	private static final Logger logger = LoggerFactory.getLogger(PdfTextExtractor.class);

	/** The PDF header may follow some junk; readers look for it in the first KiB. */
	private static final int HEADER_SEARCH_BYTES = 1024;

	private final int maxPages;

	PdfTextExtractor(int maxPages) {
		this.maxPages = maxPages;
	}

	/**
	 * Feeds the text of pages {@code firstPage}..n to the writer and returns n, the PDF's page count.
	 */
	int extract(DocumentRef document, Path file, int firstPage, PageWriter writer) throws IOException {
		checkHeader(document, file);
		try (PDDocument pdf = load(document, file)) {
			int pages = pageCount(document, pdf);
			PDFTextStripper stripper = new PDFTextStripper();
			for (int page = firstPage; page <= pages; page++) {
				writer.add(TextCleaner.clean(pageText(document, pdf, stripper, page)));
			}
			return pages;
		}
	}

	private static void checkHeader(DocumentRef document, Path file) throws IOException {
		if (Files.size(file) == 0) {
			throw Failures.nonRetryable(ErrorCode.EMPTY_DOCUMENT, document, "the file is empty");
		}
		byte[] head;
		try (InputStream in = Files.newInputStream(file)) {
			head = in.readNBytes(HEADER_SEARCH_BYTES);
		}
		if (!new String(head, StandardCharsets.ISO_8859_1).contains("%PDF-")) {
			throw Failures.nonRetryable(ErrorCode.UNSUPPORTED_TYPE, document,
					"the content is not a PDF (no %PDF- header)");
		}
	}

	private static PDDocument load(DocumentRef document, Path file) {
		try {
			return Loader.loadPDF(file.toFile(), "", IOUtils.createTempFileOnlyStreamCache());
		}
		catch (InvalidPasswordException ex) {
			throw Failures.nonRetryable(ErrorCode.ENCRYPTED_DOCUMENT, document,
					"the PDF is password-protected; remove the password and upload it again");
		}
		catch (IOException | RuntimeException ex) {
			throw Failures.nonRetryable(ErrorCode.CORRUPT_DOCUMENT, document,
					"the PDF is damaged and cannot be read (" + ex.getMessage() + ")");
		}
	}

	private int pageCount(DocumentRef document, PDDocument pdf) {
		int pages;
		try {
			pages = pdf.getNumberOfPages();
		}
		catch (RuntimeException ex) {
			throw Failures.nonRetryable(ErrorCode.CORRUPT_DOCUMENT, document,
					"the PDF's page tree is damaged (" + ex.getMessage() + ")");
		}
		if (pages == 0) {
			throw Failures.nonRetryable(ErrorCode.CORRUPT_DOCUMENT, document, "the PDF has no readable pages");
		}
		if (pages > this.maxPages) {
			throw Failures.nonRetryable(ErrorCode.TOO_MANY_PAGES, document,
					"the PDF has " + pages + " pages; at most " + this.maxPages + " are accepted");
		}
		return pages;
	}

	/** A page whose content stream is broken yields no text rather than failing the whole document. */
	private static String pageText(DocumentRef document, PDDocument pdf, PDFTextStripper stripper, int page) {
		stripper.setStartPage(page);
		stripper.setEndPage(page);
		try {
			return stripper.getText(pdf);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("No text from page {} of {} ({}): {}", page, document.documentId(), document.filename(),
					ex.toString());
			return "";
		}
	}

}
