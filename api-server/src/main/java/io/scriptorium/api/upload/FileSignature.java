package io.scriptorium.api.upload;

import io.scriptorium.workflows.document.DocumentType;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides a document's type from its first bytes (its signature) and its file name's extension, whatever content
 * type the client declared. The signature decides; the extension only tells apart formats that share a container
 * (DOCX, PPTX and ODT are all ZIPs) and must not contradict the signature: a PNG or a ZIP named {@code .pdf}, or a
 * PDF named {@code .docx}, is refused rather than handed to a parser that would fail on it later.
 */
public final class FileSignature {

	/** How many leading bytes {@link #detect} looks at. */
	public static final int HEAD_BYTES = 8192;

	private static final byte[] PDF = ascii("%PDF-");

	private static final byte[] ZIP = { 'P', 'K', 3, 4 };

	private static final byte[] CFB = { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
			(byte) 0xE1 };

	private static final byte[] RTF = ascii("{\\rtf");

	private static final byte[] UTF8_BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private FileSignature() {
	}

	/**
	 * The type of a document that starts with {@code head} and is called {@code filename}.
	 * @param head the first bytes of the file, up to {@link #HEAD_BYTES}; not empty
	 * @throws UploadRejectedException with {@code UNSUPPORTED_TYPE} if the signature is not one we ingest or the
	 * extension contradicts it
	 */
	public static DocumentType detect(byte[] head, String filename) {
		Optional<DocumentType> claimed = DocumentType.fromFilename(filename);
		if (startsWith(head, PDF)) {
			return expect(DocumentType.PDF, claimed.orElse(DocumentType.PDF), filename, "a PDF");
		}
		if (startsWith(head, RTF)) {
			return expect(DocumentType.RTF, claimed.orElse(DocumentType.RTF), filename, "an RTF document");
		}
		if (startsWith(head, ZIP)) {
			// An OOXML or ODF file is a ZIP: only the extension says which, and a bare ZIP is none of them.
			return claimed.filter(t -> t == DocumentType.DOCX || t == DocumentType.PPTX || t == DocumentType.ODT)
				.orElseThrow(() -> mismatch(filename, "a ZIP archive"));
		}
		if (isCompoundFile(head)) {
			// A .doc is a compound file; so is a password-protected .docx/.pptx (an EncryptedPackage stream inside).
			return claimed.filter(t -> t == DocumentType.DOC || t == DocumentType.DOCX || t == DocumentType.PPTX)
				.orElseThrow(() -> mismatch(filename, "an OLE2 compound file"));
		}
		if (isText(head)) {
			DocumentType byContent = looksLikeHtml(head) ? DocumentType.HTML : DocumentType.TXT;
			// Text with an unknown extension (.csv, .log, none) is still text; text named .pdf or .docx is not.
			DocumentType type = claimed.orElse(byContent);
			if (!type.isText()) {
				throw mismatch(filename, "plain text");
			}
			return type;
		}
		throw UploadRejectedException.unsupportedType(
				"'" + filename + "' is not a supported document type (PDF, DOCX, DOC, ODT, RTF, PPTX, TXT, MD, HTML)");
	}

	/** Whether the file is an OLE2/CFB container (DOC, or an encrypted OOXML document). */
	public static boolean isCompoundFile(byte[] head) {
		return startsWith(head, CFB);
	}

	private static DocumentType expect(DocumentType actual, DocumentType claimed, String filename, String what) {
		if (claimed != actual) {
			throw mismatch(filename, what);
		}
		return actual;
	}

	private static UploadRejectedException mismatch(String filename, String what) {
		return UploadRejectedException.unsupportedType("'" + filename + "' is " + what
				+ ", which its name does not match or which is not a supported document type");
	}

	/** No NUL byte and valid UTF-8 (a multi-byte character cut by the end of the head is fine). */
	static boolean isText(byte[] head) {
		for (byte b : head) {
			if (b == 0) {
				return false;
			}
		}
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(head);
		CharBuffer out = CharBuffer.allocate(head.length);
		CoderResult result = decoder.decode(in, out, false);
		return !result.isError() && in.remaining() < 4;
	}

	private static boolean looksLikeHtml(byte[] head) {
		int from = startsWith(head, UTF8_BOM) ? UTF8_BOM.length : 0;
		String start = new String(head, from, Math.min(head.length - from, 1024), StandardCharsets.UTF_8)
			.stripLeading()
			.toLowerCase(Locale.ROOT);
		return start.startsWith("<!doctype html") || start.startsWith("<html");
	}

	private static boolean startsWith(byte[] head, byte[] prefix) {
		return head.length >= prefix.length && Arrays.equals(head, 0, prefix.length, prefix, 0, prefix.length);
	}

	private static byte[] ascii(String s) {
		return s.getBytes(StandardCharsets.US_ASCII);
	}

}
