package io.scriptorium.worker.conversion;

import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.failure.ErrorCode;
import io.scriptorium.workflows.failure.Failures;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Checks an office file before LibreOffice sees it, so that bad input fails fast with a precise, non-retryable code
 * instead of LibreOffice's "could not be loaded" (or, for a ZIP bomb, an exhausted disk). Reads only the container:
 * the signature, a ZIP's central directory and entry sizes, an OLE2 file's directory.
 */
final class OfficeFileInspector {

	private static final String ENCRYPTED_PACKAGE = "EncryptedPackage";

	private final long maxUnzippedBytes;

	OfficeFileInspector(long maxUnzippedBytes) {
		this.maxUnzippedBytes = maxUnzippedBytes;
	}

	/** Throws the failure the file deserves, or returns when LibreOffice may try it. */
	void inspect(DocumentRef document, Path file) throws IOException {
		if (Files.size(file) == 0) {
			throw Failures.nonRetryable(ErrorCode.EMPTY_DOCUMENT, document, "the file is empty");
		}
		FileSignature signature = FileSignature.of(file);
		if (signature == FileSignature.OLE2 && isEncryptedPackage(document, file)) {
			throw Failures.nonRetryable(ErrorCode.ENCRYPTED_DOCUMENT, document,
					"the document is password-protected; remove the password and upload it again");
		}
		switch (document.type()) {
			case DOCX, PPTX -> inspectZip(document, file, signature, "[Content_Types].xml");
			case ODT -> inspectZip(document, file, signature, "META-INF/manifest.xml");
			case DOC -> expect(document, signature, FileSignature.OLE2, FileSignature.RTF);
			case RTF -> expect(document, signature, FileSignature.RTF);
			default -> throw Failures.nonRetryable(ErrorCode.UNSUPPORTED_TYPE, document,
					document.type() + " is not an office format LibreOffice converts here");
		}
	}

	private boolean isEncryptedPackage(DocumentRef document, Path file) {
		try {
			Set<String> names = CompoundFile.entryNames(file);
			return names.contains(ENCRYPTED_PACKAGE);
		}
		catch (IOException ex) {
			throw Failures.nonRetryable(ErrorCode.CORRUPT_DOCUMENT, document,
					"the OLE2 container is damaged (" + ex.getMessage() + ")");
		}
	}

	private void inspectZip(DocumentRef document, Path file, FileSignature signature, String requiredEntry)
			throws IOException {
		expect(document, signature, FileSignature.ZIP);
		try (ZipFile zip = new ZipFile(file.toFile())) {
			if (zip.getEntry(requiredEntry) == null) {
				throw Failures.nonRetryable(ErrorCode.UNSUPPORTED_TYPE, document,
						"the file is a ZIP archive but not a " + document.type() + " (it has no " + requiredEntry + ")");
			}
			checkUnzippedSize(document, zip);
		}
		catch (ZipException ex) {
			throw Failures.nonRetryable(ErrorCode.CORRUPT_DOCUMENT, document,
					"the file is not a valid " + document.type() + " (damaged or truncated ZIP: " + ex.getMessage() + ")");
		}
	}

	/** Inflates every entry, counting bytes: the sizes an archive declares can lie. */
	private void checkUnzippedSize(DocumentRef document, ZipFile zip) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		long total = 0;
		Enumeration<? extends ZipEntry> entries = zip.entries();
		while (entries.hasMoreElements()) {
			try (InputStream in = zip.getInputStream(entries.nextElement())) {
				for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
					total += n;
					if (total > this.maxUnzippedBytes) {
						throw Failures.nonRetryable(ErrorCode.DOCUMENT_TOO_LARGE, document,
								"the document expands to more than " + this.maxUnzippedBytes / (1024 * 1024)
										+ " MB when unzipped");
					}
				}
			}
		}
	}

	private static void expect(DocumentRef document, FileSignature actual, FileSignature... allowed) {
		for (FileSignature signature : allowed) {
			if (actual == signature) {
				return;
			}
		}
		throw mismatch(document, actual);
	}

	private static ApplicationFailure mismatch(DocumentRef document, FileSignature actual) {
		return Failures.nonRetryable(ErrorCode.UNSUPPORTED_TYPE, document,
				"the name says " + document.type() + " but the content is " + actual.description());
	}

}
