package io.scriptorium.worker.ocr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import io.scriptorium.workflows.TaskQueues;
import io.temporal.spring.boot.WorkerOptionsCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tesseract, the page renderer and the language announcements, only on workers that read scans. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "scriptorium.ocr.enabled")
class OcrConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(OcrConfiguration.class);

	@Bean
	Tesseract tesseract(OcrProperties properties) {
		return new Tesseract(properties.getTesseract());
	}

	/** A worker told to read scans that cannot run Tesseract stops at startup rather than fail every scan. */
	@Bean
	InstalledLanguages installedLanguages(Tesseract tesseract, OcrProperties properties) throws IOException {
		Path work = Files.createTempDirectory("scriptorium-ocr-languages-");
		try {
			InstalledLanguages languages = new InstalledLanguages(tesseract.languages(work));
			if (!languages.covers(properties.getDefaultLanguage())) {
				throw new IllegalStateException("scriptorium.ocr.default-language '" + properties.getDefaultLanguage()
						+ "' is not installed (installed: " + languages.list() + ")");
			}
			logger.info("OCR enabled: Tesseract with {}", languages.list());
			return languages;
		}
		catch (IOException | Tesseract.TimedOut ex) {
			throw new IllegalStateException("scriptorium.ocr.enabled is true but '" + properties.getTesseract()
					+ " --list-langs' cannot run (install tesseract-ocr, or set scriptorium.ocr.enabled=false): "
					+ ex.getMessage(), ex);
		}
		finally {
			Files.deleteIfExists(work.resolve("tesseract-languages.txt"));
			Files.deleteIfExists(work);
		}
	}

	@Bean(destroyMethod = "shutdownNow")
	ScheduledExecutorService ocrScheduler() {
		return Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "ocr-watchdog");
			thread.setDaemon(true);
			return thread;
		});
	}

	@Bean
	PageRenderer pageRenderer(OcrProperties properties, ScheduledExecutorService ocrScheduler) {
		return new PageRenderer(properties, ocrScheduler);
	}

	/**
	 * Announces the installed languages every minute (the first time as soon as the schema has the table): the API
	 * accepts an upload's OCR language when some OCR worker has announced it.
	 */
	@Bean
	LanguageAnnouncements languageAnnouncements(OcrPages pages, InstalledLanguages languages,
			ScheduledExecutorService ocrScheduler) {
		return new LanguageAnnouncements(ocrScheduler.scheduleWithFixedDelay(() -> {
			try {
				pages.announce(languages.list());
			}
			catch (RuntimeException ex) {
				logger.debug("Could not announce the OCR languages yet: {}", ex.toString());
			}
		}, 0, 1, TimeUnit.MINUTES));
	}

	/** The scheduled announcements, cancelled with the context. */
	record LanguageAnnouncements(ScheduledFuture<?> task) implements AutoCloseable {

		@Override
		public void close() {
			this.task.cancel(false);
		}

	}

	/**
	 * The OCR queue's worker takes as many batches as this worker recognises pages at once ({@code processes}): the
	 * others wait in Temporal's queue, where any OCR worker can take them, instead of in this one's memory.
	 */
	@Bean
	WorkerOptionsCustomizer ocrSlots(OcrProperties properties) {
		return (builder, workerName, taskQueue) -> TaskQueues.OCR.equals(taskQueue)
				? builder.setMaxConcurrentActivityExecutionSize(properties.parallelPages()) : builder;
	}

	@Bean
	InfoContributor ocrInfo(InstalledLanguages languages, OcrProperties properties) {
		return (builder) -> builder.withDetail("ocr", Map.of("languages", languages.list(), "defaultLanguage",
				properties.getDefaultLanguage(), "dpi", properties.getDpi()));
	}

}
