package io.scriptorium.worker.conversion;

import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.failure.ErrorCode;
import io.scriptorium.workflows.failure.Failures;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Checks an office file before LibreOffice sees it, so that bad input fails fast with a precise, non-retryable code
 * instead of LibreOffice's "could not be loaded" (or its password prompt, which fails every retry). Reads only the
 * container: the signature, a ZIP's central directory and ODF manifest, an OLE2 file's directory and Word header.
 * What the package expands to is counted by {@link PackageRewriter}, which reads every byte anyway.
 */
final class OfficeFileInspector {

	private static final String ENCRYPTED_PACKAGE = "EncryptedPackage";

	private static final String ODF_MANIFEST = "META-INF/manifest.xml";

	/** A Word binary file's header (FIB) starts with this identifier... */
	private static final int WORD_IDENTIFIER = 0xA5EC;

	/** ...and has these flags at offset 0x0A: fEncrypted (RC4 or CryptoAPI) and fObfuscated (XOR): a password. */
	private static final int WORD_ENCRYPTED_FLAGS = 0x0100 | 0x8000;

	private static final XMLInputFactory XML = XMLInputFactory.newFactory();

	static {
		XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
	}

	/** Throws the failure the file deserves, or returns when LibreOffice may try it. */
	void inspect(DocumentRef document, Path file) throws IOException {
		if (Files.size(file) == 0) {
			throw Failures.nonRetryable(ErrorCode.EMPTY_DOCUMENT, document, "the file is empty");
		}
		FileSignature signature = FileSignature.of(file);
		if (signature == FileSignature.OLE2 && isEncrypted(document, file)) {
			throw encrypted(document);
		}
		switch (document.type()) {
			case DOCX, PPTX -> inspectZip(document, file, signature, "[Content_Types].xml");
			case ODT -> inspectZip(document, file, signature, ODF_MANIFEST);
			case DOC -> expect(document, signature, FileSignature.OLE2, FileSignature.RTF);
			case RTF -> expect(document, signature, FileSignature.RTF);
			default -> throw Failures.nonRetryable(ErrorCode.UNSUPPORTED_TYPE, document,
					document.type() + " is not an office format LibreOffice converts here");
		}
	}

	private static ApplicationFailure encrypted(DocumentRef document) {
		return Failures.nonRetryable(ErrorCode.ENCRYPTED_DOCUMENT, document,
				"the document is password-protected; remove the password and upload it again");
	}

	/** Password-protected OOXML (an encrypted package in an OLE2 file), or a Word 97-2003 file with a password. */
	private static boolean isEncrypted(DocumentRef document, Path file) {
		try {
			if (CompoundFile.entryNames(file).contains(ENCRYPTED_PACKAGE)) {
				return true;
			}
			Optional<ByteBuffer> fib = CompoundFile.firstSector(file, "WordDocument");
			return fib.isPresent() && Short.toUnsignedInt(fib.get().getShort(0)) == WORD_IDENTIFIER
					&& (Short.toUnsignedInt(fib.get().getShort(0x0A)) & WORD_ENCRYPTED_FLAGS) != 0;
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
			if (requiredEntry.equals(ODF_MANIFEST) && declaresEncryption(zip, zip.getEntry(ODF_MANIFEST))) {
				throw encrypted(document);
			}
		}
		catch (ZipException ex) {
			throw Failures.nonRetryable(ErrorCode.CORRUPT_DOCUMENT, document,
					"the file is not a valid " + document.type() + " (damaged or truncated ZIP: " + ex.getMessage() + ")");
		}
	}

	/** An encrypted ODF package lists {@code manifest:encryption-data} for its encrypted entries. */
	private static boolean declaresEncryption(ZipFile zip, ZipEntry manifest) throws IOException {
		try (InputStream in = zip.getInputStream(manifest)) {
			XMLStreamReader reader = XML.createXMLStreamReader(in);
			try {
				while (reader.hasNext()) {
					if (reader.next() == XMLStreamConstants.START_ELEMENT
							&& "encryption-data".equals(reader.getLocalName())) {
						return true;
					}
				}
				return false;
			}
			finally {
				reader.close();
			}
		}
		catch (XMLStreamException ex) {
			// A damaged manifest: LibreOffice's own loader decides.
			return false;
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
