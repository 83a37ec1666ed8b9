package io.scriptorium.worker.ocr;

import io.scriptorium.worker.blobs.BlobKind;
import io.scriptorium.worker.blobs.DocumentBlobs;
import io.scriptorium.worker.parsing.TextCleaner;
import io.scriptorium.worker.parsing.TextLanguage;
import io.scriptorium.worker.shutdown.Heartbeats;
import io.scriptorium.workflows.TaskQueues;
import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.failure.ErrorCode;
import io.scriptorium.workflows.failure.Failures;
import io.scriptorium.workflows.ocr.OcrActivities;
import io.scriptorium.workflows.ocr.OcrResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.spring.boot.ActivityImpl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Recognises a batch of a document's scanned pages: copies the stored PDF to a temporary directory, renders the
 * batch's pages in a {@link PageRenderMain} process and runs Tesseract on each as it comes, writing each page's text
 * and confidence as soon as it is read. A retried attempt skips the pages an earlier one wrote.
 */
@Component("ocrActivities")
@ConditionalOnBooleanProperty(name = "scriptorium.ocr.enabled")
@ActivityImpl(taskQueues = TaskQueues.OCR)
class OcrActivitiesImpl implements OcrActivities {

	private static final Logger logger = LoggerFactory.getLogger(OcrActivitiesImpl.class);

	private final DocumentBlobs blobs;

	private final OcrPages pages;

	private final PageRenderer renderer;

	private final Tesseract tesseract;

	private final InstalledLanguages languages;

	private final OcrProperties properties;

	OcrActivitiesImpl(DocumentBlobs blobs, OcrPages pages, PageRenderer renderer, Tesseract tesseract,
			InstalledLanguages languages, OcrProperties properties) {
		this.blobs = blobs;
		this.pages = pages;
		this.renderer = renderer;
		this.tesseract = tesseract;
		this.languages = languages;
		this.properties = properties;
	}

	@Override
	public OcrResult recognizePages(DocumentRef document, int from, int to) {
		ActivityExecutionContext context = Activity.getExecutionContext();
		List<OcrPages.Page> all = this.pages.needingOcr(document.documentId());
		if (all.size() > this.properties.getMaxPages()) {
			throw Failures.nonRetryable(ErrorCode.OCR_TOO_MANY_PAGES, document, all.size()
					+ " pages have no text layer; OCR reads at most " + this.properties.getMaxPages() + " a document");
		}
		List<OcrPages.Page> batch = all.subList(Math.min(from, all.size()), Math.min(to, all.size()));
		String language = this.pages.language(document.documentId()).orElse(this.properties.getDefaultLanguage());
		if (!this.languages.covers(language)) {
			throw Failures.nonRetryable(ErrorCode.OCR_LANGUAGE_UNKNOWN, document, "the OCR language '" + language
					+ "' is not installed on this OCR worker (installed: " + this.languages.list() + ")");
		}
		Counts counts = new Counts();
		batch.stream().filter(OcrPages.Page::done).forEach((page) -> counts.add(page.hasText(), page.confidence()));
		List<Integer> todo = batch.stream().filter((page) -> !page.done()).map(OcrPages.Page::page).toList();
		if (todo.isEmpty()) {
			return counts.result(batch.size());
		}
		Path directory = null;
		try {
			directory = Files.createTempDirectory("scriptorium-ocr-");
			Path pdf = directory.resolve("document.pdf");
			this.blobs.copyTo(document, BlobKind.readBy(document.type()), pdf);
			StringBuilder sample = new StringBuilder();
			long start = System.nanoTime();
			this.renderer.render(pdf, todo, directory, (rendered) -> {
				Tesseract.Recognized read = this.tesseract.recognize(rendered.image(), rendered.dpi(), language,
						this.properties.getPageTimeout());
				String text = TextCleaner.clean(read.text());
				this.pages.write(document, rendered.page(), text, read.confidence());
				counts.add(!text.isEmpty(), read.confidence());
				if (!text.isEmpty()) {
					sample.append(text).append('\n');
				}
				Files.deleteIfExists(rendered.image());
				Heartbeats.send(context, rendered.page());
			});
			if (!sample.isEmpty()) {
				this.pages.setLanguageIfUnknown(document.documentId(), TextLanguage.of(sample));
			}
			logger.info("OCR read {} pages of {} ({}) in {} ms", todo.size(), document.documentId(),
					document.filename(), (System.nanoTime() - start) / 1_000_000);
			return counts.result(batch.size());
		}
		catch (PageRenderer.RenderFailure ex) {
			throw switch (ex.failure()) {
				case TIMED_OUT -> Failures.nonRetryable(ErrorCode.OCR_PAGE_TIMEOUT, document, ex.getMessage());
				case OUT_OF_MEMORY -> Failures.nonRetryable(ErrorCode.OCR_PAGE_TOO_LARGE, document, ex.getMessage());
				case CRASHED -> Failures.retryable(ErrorCode.OCR_FAILED, document, ex.getMessage(), null);
			};
		}
		catch (Tesseract.TimedOut ex) {
			throw Failures.nonRetryable(ErrorCode.OCR_PAGE_TIMEOUT, document, ex.getMessage());
		}
		catch (IOException ex) {
			throw Failures.retryable(ErrorCode.OCR_FAILED, document, "OCR failed: " + ex.getMessage(), ex);
		}
		finally {
			deleteQuietly(directory);
		}
	}

	/** The batch's pages with text, and those of them under the confidence threshold. */
	private final class Counts {

		private int withText;

		private int lowConfidence;

		void add(boolean hasText, Double confidence) {
			if (hasText) {
				this.withText++;
				if (confidence != null && confidence < OcrActivitiesImpl.this.properties.getLowConfidence()) {
					this.lowConfidence++;
				}
			}
		}

		OcrResult result(int pages) {
			return new OcrResult(pages, this.withText, this.lowConfidence);
		}

	}

	private static void deleteQuietly(Path directory) {
		if (directory == null) {
			return;
		}
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			logger.warn("Could not delete {}", directory, ex);
		}
	}

}
