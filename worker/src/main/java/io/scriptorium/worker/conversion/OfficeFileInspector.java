package io.scriptorium.worker.conversion;

import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.document.DocumentType;
import io.scriptorium.workflows.document.FileFormat;
import io.scriptorium.workflows.failure.ErrorCode;
import io.scriptorium.workflows.failure.Failures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Checks an office file before LibreOffice sees it, so that bad input fails fast with a precise, non-retryable code
 * instead of LibreOffice's "could not be loaded" (or its password prompt, which fails every retry): the same type
 * and password rules as the upload ({@link FileFormat}), and the entry a ZIP-based format must have. What the
 * package expands to is counted by {@link PackageRewriter}, which reads every byte anyway.
 */
final class OfficeFileInspector {

	/** Throws the failure the file deserves, or returns its container format when LibreOffice may try it. */
	FileFormat inspect(DocumentRef document, Path file) throws IOException {
		if (Files.size(file) == 0) {
			throw Failures.nonRetryable(ErrorCode.EMPTY_DOCUMENT, document, "the file is empty");
		}
		byte[] head = FileFormat.head(file);
		FileFormat format = FileFormat.of(head);
		checkType(document, head, format);
		try {
			if (FileFormat.isPasswordProtected(file)) {
				throw Failures.nonRetryable(ErrorCode.ENCRYPTED_DOCUMENT, document,
						"the document is password-protected; remove the password and upload it again");
			}
			if (format == FileFormat.ZIP) {
				requireEntry(document, file,
						(document.type() == DocumentType.ODT) ? "META-INF/manifest.xml" : "[Content_Types].xml");
			}
			return format;
		}
		catch (ZipException ex) {
			throw Failures.nonRetryable(ErrorCode.CORRUPT_DOCUMENT, document,
					"the file is not a valid " + document.type() + " (damaged or truncated ZIP: " + ex.getMessage()
							+ ")");
		}
		catch (IOException ex) {
			throw Failures.nonRetryable(ErrorCode.CORRUPT_DOCUMENT, document,
					"the " + document.type() + "'s container is damaged (" + ex.getMessage() + ")");
		}
	}

	/** The upload's rule, for a document typed by its stored name's extension. */
	private static void checkType(DocumentRef document, byte[] head, FileFormat format) {
		if (!document.type().needsConversion()) {
			throw Failures.nonRetryable(ErrorCode.UNSUPPORTED_TYPE, document,
					document.type() + " is not an office format LibreOffice converts here");
		}
		try {
			FileFormat.documentType(head, "document." + document.type().extension());
		}
		catch (FileFormat.Unsupported ex) {
			throw Failures.nonRetryable(ErrorCode.UNSUPPORTED_TYPE, document,
					"the name says " + document.type() + " but the content is " + format.description());
		}
	}

	private static void requireEntry(DocumentRef document, Path file, String entry) throws IOException {
		try (ZipFile zip = new ZipFile(file.toFile())) {
			if (zip.getEntry(entry) == null) {
				throw Failures.nonRetryable(ErrorCode.UNSUPPORTED_TYPE, document,
						"the file is a ZIP archive but not a " + document.type() + " (it has no " + entry + ")");
			}
		}
	}

}
