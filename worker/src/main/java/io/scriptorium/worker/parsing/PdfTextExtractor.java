package io.scriptorium.worker.parsing;

import io.scriptorium.worker.parsing.ParserFrames.Frame;
import io.scriptorium.worker.parsing.ParserFrames.Outline;
import io.scriptorium.worker.parsing.ParserFrames.PageCount;
import io.scriptorium.worker.parsing.ParserFrames.PageSkipped;
import io.scriptorium.worker.parsing.ParserFrames.PageText;
import io.scriptorium.worker.parsing.ParserFrames.Refused;
import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.document.FileFormat;
import io.scriptorium.workflows.failure.ErrorCode;
import io.scriptorium.workflows.failure.Failures;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Extracts a PDF's text page by page with PDFBox, in {@link PdfParserProcess parser processes} rather than in the
 * worker: a page over its {@link PageBudget}, or one whose process ran out of memory or time, is skipped (stored
 * empty) and the parser restarts after it. More than {@code max-skipped-pages} such pages, or all of them, fail the
 * document DOCUMENT_TOO_COMPLEX; damaged pages are skipped without limit, as they cost nothing.
 */
@Component
class PdfTextExtractor implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(PdfTextExtractor.class);

	/** What the extraction found: the page count and the pages skipped (too complex, or damaged). */
	record Extraction(int pages, int tooComplexPages, int damagedPages) {

		int skippedPages() {
			return this.tooComplexPages + this.damagedPages;
		}

	}

	private final ParsingProperties properties;

	private final ScheduledExecutorService watchdogs = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "pdf-parser-watchdog");
		thread.setDaemon(true);
		return thread;
	});

	private final ParserPool parsers;

	PdfTextExtractor(ParsingProperties properties) {
		this.properties = properties;
		this.parsers = new ParserPool(properties.getProcessHeap(), properties.getIdleProcesses());
		try {
			this.parsers.prepare();
		}
		catch (IOException ex) {
			// The first document starts one then, and fails with the reason if it cannot either.
			logger.warn("No PDF parser process could be started ahead: {}", ex.toString());
		}
	}

	/** Feeds the text of pages {@code firstPage}..n to the writer. */
	Extraction extract(DocumentRef document, Path file, int firstPage, PageWriter writer) throws IOException {
		checkHeader(document, file);
		Progress progress = new Progress(firstPage,
				System.nanoTime() + this.properties.getDocumentTimeout().toNanos());
		while (progress.pages < 0 || progress.next <= progress.pages) {
			if (runParser(document, file, progress, writer)) {
				break;
			}
		}
		if (progress.tooComplex > 0 && progress.tooComplex == progress.pages) {
			throw tooComplex(document,
					"no page could be read within the parser's limits (" + progress.lastReason + ")");
		}
		return new Extraction(Math.max(progress.pages, 0), progress.tooComplex, progress.damaged);
	}

	/** Where the extraction stands across parser processes. */
	private static final class Progress {

		int pages = -1;

		int next;

		int tooComplex;

		int damaged;

		String lastReason;

		final long deadlineNanos;

		Progress(int firstPage, long deadlineNanos) {
			this.next = firstPage;
			this.deadlineNanos = deadlineNanos;
		}

	}

	/** One parser process from {@code progress.next}; true when it reached the end of the document. */
	private boolean runParser(DocumentRef document, Path file, Progress progress, PageWriter writer)
			throws IOException {
		PdfParserProcess.Limits limits = new PdfParserProcess.Limits(this.properties.getProcessHeap(),
				this.properties.getPageTimeout(), progress.deadlineNanos);
		PageBudget budget = PageBudget.of(this.properties);
		try (PdfParserProcess parser = PdfParserProcess.start(file, progress.next, budget, limits, this.parsers,
				this.watchdogs)) {
			while (true) {
				Frame frame;
				try {
					frame = parser.next();
				}
				catch (PdfParserProcess.Died died) {
					if (!died.overLimits()) {
						throw Failures.retryable(ErrorCode.INTERNAL_ERROR, document, died.getMessage(), null);
					}
					if (died.death() == PdfParserProcess.Death.OUT_OF_TIME) {
						throw tooComplex(document, died.getMessage() + " ("
								+ this.properties.getDocumentTimeout().toSeconds() + " s)");
					}
					if (progress.pages < 0) {
						throw tooComplex(document, "the PDF cannot be opened within the parser's limits: "
								+ died.getMessage());
					}
					skip(document, writer, progress, new PageSkipped(progress.next, true, died.getMessage()));
					return progress.next > progress.pages;
				}
				if (frame instanceof PageCount count) {
					progress.pages = checkPageCount(document, count.pages());
				}
				else if (frame instanceof Outline outline) {
					writer.outline(outline.title(), outline.headings());
				}
				else if (frame instanceof PageText text) {
					writer.add(TextCleaner.clean(text.text()), text.ocrNeeded());
					progress.next = text.page() + 1;
				}
				else if (frame instanceof PageSkipped skipped) {
					skip(document, writer, progress, skipped);
				}
				else if (frame instanceof Refused refused) {
					throw refused(document, refused);
				}
				else {
					return true;
				}
			}
		}
	}

	private void skip(DocumentRef document, PageWriter writer, Progress progress, PageSkipped page) {
		logger.warn("Skipped page {} of {} ({}): {}", page.page(), document.documentId(), document.filename(),
				page.reason());
		writer.add("");
		progress.next = page.page() + 1;
		progress.lastReason = page.reason();
		if (!page.tooComplex()) {
			progress.damaged++;
			return;
		}
		if (++progress.tooComplex > this.properties.getMaxSkippedPages()) {
			throw tooComplex(document, progress.tooComplex + " pages are over the parser's limits (the last: page "
					+ page.page() + ", " + page.reason() + ")");
		}
	}

	private int checkPageCount(DocumentRef document, int pages) {
		if (pages == 0) {
			throw Failures.nonRetryable(ErrorCode.CORRUPT_DOCUMENT, document, "the PDF has no readable pages");
		}
		if (pages > this.properties.getMaxPages()) {
			throw Failures.nonRetryable(ErrorCode.TOO_MANY_PAGES, document,
					"the PDF has more than " + this.properties.getMaxPages() + " pages; at most "
							+ this.properties.getMaxPages() + " are accepted");
		}
		return pages;
	}

	private static ApplicationFailure refused(DocumentRef document, Refused refused) {
		return switch (refused.reason()) {
			case ENCRYPTED -> Failures.nonRetryable(ErrorCode.ENCRYPTED_DOCUMENT, document,
					"the PDF is password-protected; remove the password and upload it again");
			case DAMAGED -> Failures.nonRetryable(ErrorCode.CORRUPT_DOCUMENT, document,
					"the PDF is damaged and cannot be read (" + refused.detail() + ")");
			case TOO_COMPLEX -> tooComplex(document, refused.detail());
		};
	}

	private static ApplicationFailure tooComplex(DocumentRef document, String detail) {
		return Failures.nonRetryable(ErrorCode.DOCUMENT_TOO_COMPLEX, document, detail);
	}

	private static void checkHeader(DocumentRef document, Path file) throws IOException {
		if (Files.size(file) == 0) {
			throw Failures.nonRetryable(ErrorCode.EMPTY_DOCUMENT, document, "the file is empty");
		}
		if (FileFormat.of(file) != FileFormat.PDF) {
			throw Failures.nonRetryable(ErrorCode.UNSUPPORTED_TYPE, document,
					"the content is not a PDF (no %PDF- header)");
		}
	}

	@Override
	public void destroy() {
		this.parsers.close();
		this.watchdogs.shutdownNow();
	}

}
