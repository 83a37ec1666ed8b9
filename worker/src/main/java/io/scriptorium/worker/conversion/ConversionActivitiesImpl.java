package io.scriptorium.worker.conversion;

import io.scriptorium.worker.blobs.BlobKind;
import io.scriptorium.worker.blobs.DocumentBlobs;
import io.scriptorium.worker.shutdown.BackgroundHeartbeat;
import io.scriptorium.workflows.TaskQueues;
import io.scriptorium.workflows.conversion.ConversionActivities;
import io.scriptorium.workflows.conversion.ConversionResult;
import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.document.FileFormat;
import io.scriptorium.workflows.failure.ErrorCode;
import io.scriptorium.workflows.failure.Failures;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import io.temporal.spring.boot.ActivityImpl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import org.jodconverter.core.document.DefaultDocumentFormatRegistry;
import org.jodconverter.core.document.DocumentFormat;
import org.jodconverter.core.office.OfficeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Converts the ORIGINAL blob of an office document to a PDF blob: copy to a temporary file, check the container,
 * write it anew without external references, let LibreOffice convert that, store the PDF (replacing one a previous
 * attempt stored).
 */
@Component("conversionActivities")
@ConditionalOnBooleanProperty(name = "scriptorium.conversion.enabled", matchIfMissing = true)
@ActivityImpl(taskQueues = TaskQueues.OFFICE)
class ConversionActivitiesImpl implements ConversionActivities, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(ConversionActivitiesImpl.class);

	/** jodconverter's message when LibreOffice's loader rejects the file: the input, not LibreOffice, is at fault. */
	private static final String LOAD_FAILURE = "Could not open document";

	/** Attempts that may time out before the file is blamed: the second runs on a restarted LibreOffice. */
	private static final int TIMEOUT_ATTEMPTS = 2;

	private final DocumentBlobs blobs;

	private final OfficeFileInspector inspector;

	private final OfficeFileRewriter rewriter;

	private final OfficeConverter converter;

	private final ConversionProperties properties;

	private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "conversion-heartbeat");
		thread.setDaemon(true);
		return thread;
	});

	ConversionActivitiesImpl(DocumentBlobs blobs, OfficeFileInspector inspector, OfficeFileRewriter rewriter,
			OfficeConverter converter, ConversionProperties properties) {
		this.blobs = blobs;
		this.inspector = inspector;
		this.rewriter = rewriter;
		this.converter = converter;
		this.properties = properties;
	}

	@Override
	public ConversionResult convertToPdf(DocumentRef document) {
		Path directory = WorkDirectories.create(this.properties.getWorkingDirectory(), "convert-");
		try {
			Path original = directory.resolve("original." + document.type().extension());
			this.blobs.copyTo(document, BlobKind.ORIGINAL, original);
			FileFormat format = this.inspector.inspect(document, original);
			Path source = directory.resolve("source." + document.type().extension());
			this.rewriter.rewrite(document, format, original, source);
			Path pdf = directory.resolve("converted.pdf");
			long start = System.nanoTime();
			try (BackgroundHeartbeat heartbeat = BackgroundHeartbeat.start(Activity.getExecutionContext(), "converting",
					this.properties.getHeartbeatInterval(), this.heartbeats)) {
				this.converter.convertToPdf(source, sourceFormat(document), pdf);
			}
			catch (OfficeException ex) {
				throw conversionFailure(document, ex);
			}
			if (!Files.isRegularFile(pdf) || Files.size(pdf) == 0) {
				throw Failures.retryable(ErrorCode.CONVERSION_FAILED, document, "LibreOffice produced no PDF", null);
			}
			long pdfBytes = this.blobs.store(document, BlobKind.PDF, pdf);
			logger.info("Converted {} ({}) to a PDF of {} bytes in {} ms", document.documentId(), document.type(),
					pdfBytes, (System.nanoTime() - start) / 1_000_000);
			return new ConversionResult(pdfBytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			WorkDirectories.delete(directory);
		}
	}

	private static DocumentFormat sourceFormat(DocumentRef document) {
		DocumentFormat format = DefaultDocumentFormatRegistry.getFormatByExtension(document.type().extension());
		if (format == null || !document.type().needsConversion()) {
			throw Failures.nonRetryable(ErrorCode.UNSUPPORTED_TYPE, document,
					document.type() + " is not converted to PDF");
		}
		return format;
	}

	/**
	 * A file LibreOffice cannot load is the file's fault; so is one it asks a password for (the inspector catches
	 * the encryption it knows). A timeout is retried once, on a fresh LibreOffice, and then blamed on the file, so
	 * that one upload cannot hold the office queue for the activity's whole schedule. Anything else (a crash, no
	 * free process) may pass on another attempt.
	 */
	private ApplicationFailure conversionFailure(DocumentRef document, OfficeException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			String message = String.valueOf(cause.getMessage());
			if (message.contains(LOAD_FAILURE)) {
				return Failures.nonRetryable(ErrorCode.CORRUPT_DOCUMENT, document,
						"LibreOffice could not open the file: it is damaged or not a " + document.type()
								+ " LibreOffice can read");
			}
			if (message.toLowerCase(Locale.ROOT).contains("password")) {
				return Failures.nonRetryable(ErrorCode.ENCRYPTED_DOCUMENT, document,
						"the document is password-protected; remove the password and upload it again");
			}
			if (cause instanceof TimeoutException) {
				String detail = "LibreOffice did not finish converting within " + this.properties.getTaskTimeout()
					.toMillis() + " ms";
				return (Activity.getExecutionContext().getInfo().getAttempt() >= TIMEOUT_ATTEMPTS)
						? Failures.nonRetryable(ErrorCode.DOCUMENT_TOO_COMPLEX, document,
								detail + ", " + TIMEOUT_ATTEMPTS + " times")
						: Failures.retryable(ErrorCode.CONVERSION_FAILED, document, detail, null);
			}
		}
		return Failures.retryable(ErrorCode.CONVERSION_FAILED, document, "LibreOffice failed: " + ex.getMessage(), ex);
	}


	@Override
	public void destroy() {
		this.heartbeats.shutdownNow();
	}

}
