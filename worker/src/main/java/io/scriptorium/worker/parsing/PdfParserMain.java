package io.scriptorium.worker.parsing;

import io.scriptorium.worker.parsing.ParserFrames.Frame;
import io.scriptorium.worker.parsing.ParserFrames.PageCount;
import io.scriptorium.worker.parsing.ParserFrames.PageSkipped;
import io.scriptorium.worker.parsing.ParserFrames.PageText;
import io.scriptorium.worker.parsing.ParserFrames.Reason;
import io.scriptorium.worker.parsing.ParserFrames.Refused;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageTree;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PDF parser process, {@code PdfParserMain --serve}: it reads a document's arguments (file, first page and the
 * {@link PageBudget}'s) from each line of its standard input ({@link ParserPool}), and parses one after another.
 * It runs apart from the worker ({@link PdfParserProcess} starts it with its own heap limit and kills it when a page
 * takes too long), so that what a hostile PDF does to it (exhaust its heap, spin a core) ends with it. It writes
 * {@link ParserFrames} to its standard output and nothing else there: whatever a library prints goes to standard
 * error.
 */
public final class PdfParserMain {

	private PdfParserMain() {
	}

	public static void main(String[] args) throws IOException {
		DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
		System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
		quietLogging();
		if (args.length != 1 || !args[0].equals(ParserPool.SERVE)) {
			System.err.println("usage: PdfParserMain " + ParserPool.SERVE + " (a document's arguments on each line)");
			System.exit(2);
		}
		serve(new ParserPool.Requests(System.in), out);
		System.exit(0);
	}

	private static void parse(String[] args, DataOutputStream out) throws IOException {
		parse(Path.of(args[0]), Integer.parseInt(args[1]), PageBudget.fromArgs(args, 2), out);
		out.flush();
	}

	/**
	 * Document after document until the worker closes standard input ({@link ParserPool}). After each the heap is
	 * collected; fuller than a quarter, the process leaves rather than let the next document pay for this one.
	 */
	private static void serve(ParserPool.Requests requests, DataOutputStream out) throws IOException {
		// A process taken before it got this far would make its document wait for the warm-up too.
		if (!requests.waiting()) {
			warmUp();
		}
		Runtime runtime = Runtime.getRuntime();
		for (String[] args = requests.next(); args != null; args = requests.next()) {
			parse(args, out);
			System.gc();
			if (runtime.totalMemory() - runtime.freeMemory() > runtime.maxMemory() / 4) {
				break;
			}
		}
	}

	/**
	 * A pooled process's first work, before its first document is known: parsing a one-page PDF of its own loads
	 * PDFBox's classes and the standard fonts' metrics, which would otherwise cost the first document most of a
	 * second.
	 */
	private static void warmUp() throws IOException {
		Path sample = Files.createTempFile("scriptorium-parser-warm-up-", ".pdf");
		try (PDDocument pdf = new PDDocument()) {
			PDPage page = new PDPage();
			pdf.addPage(page);
			try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
				content.beginText();
				content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
				content.newLineAtOffset(72, 720);
				content.showText("Warming up the parser.");
				content.endText();
			}
			pdf.save(sample.toFile());
			parse(sample, 1, PageBudget.UNLIMITED, new DataOutputStream(OutputStream.nullOutputStream()));
		}
		finally {
			Files.deleteIfExists(sample);
		}
	}

	/** Without Spring Boot's configuration Logback logs everything at DEBUG; PDFBox's warnings are not needed here. */
	private static void quietLogging() {
		if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
			root.setLevel(ch.qos.logback.classic.Level.ERROR);
		}
	}

	static void parse(Path file, int firstPage, PageBudget budget, DataOutputStream out) throws IOException {
		PDDocument pdf;
		try {
			pdf = Loader.loadPDF(file.toFile(), "", IOUtils.createTempFileOnlyStreamCache());
		}
		catch (InvalidPasswordException ex) {
			send(out, new Refused(Reason.ENCRYPTED, "the PDF needs a password"));
			return;
		}
		catch (StackOverflowError ex) {
			send(out, new Refused(Reason.TOO_COMPLEX, "its objects are nested too deeply"));
			return;
		}
		catch (IOException | RuntimeException ex) {
			send(out, new Refused(Reason.DAMAGED, String.valueOf(ex.getMessage())));
			return;
		}
		try (pdf) {
			List<COSDictionary> pages;
			try {
				pages = PageTreeLeaves.of(pdf.getPages().getCOSObject(), budget.maxPages() + 1);
			}
			catch (PageTreeLeaves.TreeTooLarge ex) {
				send(out, new Refused(Reason.TOO_COMPLEX, ex.getMessage()));
				return;
			}
			catch (StackOverflowError ex) {
				send(out, new Refused(Reason.TOO_COMPLEX, "its page tree is nested too deeply"));
				return;
			}
			catch (RuntimeException ex) {
				send(out, new Refused(Reason.DAMAGED, "the page tree is damaged (" + ex.getMessage() + ")"));
				return;
			}
			send(out, new PageCount(pages.size()));
			if (pages.size() > budget.maxPages()) {
				return;
			}
			send(out, DocumentOutline.of(pdf, pages));
			BudgetedTextStripper stripper = new BudgetedTextStripper(budget);
			for (int number = firstPage; number <= pages.size(); number++) {
				send(out, page(pdf, page(pdf, pages.get(number - 1)), number, stripper));
			}
			send(out, new ParserFrames.End());
		}
	}

	/**
	 * The page with the document's resource cache, as PDFBox's own page iterator would give it: without it every
	 * page parses its fonts again (a 67-page PDF with embedded fonts then needs 45 s and 400 MB instead of 3 s).
	 */
	private static PDPage page(PDDocument pdf, COSDictionary leaf) {
		PDPage page = new PDPage(leaf);
		if (PDPageTree.getInheritableAttribute(leaf, COSName.RESOURCES) instanceof COSDictionary resources) {
			page.setResources(new PDResources(resources, pdf.getResourceCache()));
		}
		return page;
	}

	private static Frame page(PDDocument pdf, PDPage page, int number, BudgetedTextStripper stripper) {
		try {
			String text = stripper.text(pdf, page);
			return new PageText(number, text, ScannedPage.needsOcr(page, text));
		}
		catch (BudgetedTextStripper.PageTooComplex ex) {
			return new PageSkipped(number, true, ex.getMessage());
		}
		catch (StackOverflowError ex) {
			return new PageSkipped(number, true, "content nested too deeply");
		}
		catch (IOException | RuntimeException ex) {
			return new PageSkipped(number, false, String.valueOf(ex.getMessage()));
		}
	}

	private static void send(DataOutputStream out, Frame frame) throws IOException {
		ParserFrames.write(out, frame);
	}

}
