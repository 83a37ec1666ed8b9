package io.scriptorium.workflows.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * What a file is by its content, and the rules that follow from it, in one place for the upload and the worker:
 * <ul>
 * <li>the container a file's first bytes say it is ({@link #of(byte[])});</li>
 * <li>the document type a file's content and name make it ({@link #documentType}): the content decides; the
 * extension only tells apart formats that share a container (DOCX, PPTX and ODT are all ZIPs) and must not
 * contradict the content (a PNG or a ZIP named {@code .pdf}, a PDF named {@code .docx}, are refused);</li>
 * <li>whether an office file is password-protected ({@link #isPasswordProtected}): an OLE2 file holding an encrypted
 * OOXML package or a Word 97-2003 document with a password, an ODF package whose manifest declares encryption.</li>
 * </ul>
 */
public enum FileFormat {

	PDF("a PDF", ascii("%PDF-")),
	ZIP("a ZIP archive", new byte[] { 'P', 'K', 3, 4 }),
	OLE2("an OLE2 compound file", CompoundFile.SIGNATURE),
	RTF("an RTF document", ascii("{\\rtf")),
	TEXT("plain text", new byte[0]),
	UNKNOWN("of an unknown format", new byte[0]);

	/** How many leading bytes decide a file's format. */
	public static final int HEAD_BYTES = 8192;

	private static final byte[] UTF8_BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private static final Set<DocumentType> ZIPPED = Set.of(DocumentType.DOCX, DocumentType.PPTX, DocumentType.ODT);

	/** A .doc is a compound file; so is a password-protected .docx or .pptx (an encrypted package inside). */
	private static final Set<DocumentType> COMPOUND = Set.of(DocumentType.DOC, DocumentType.DOCX, DocumentType.PPTX);

	private static final String ODF_MANIFEST = "META-INF/manifest.xml";

	/** The stream of an OLE2 file that holds an encrypted OOXML package. */
	private static final String ENCRYPTED_PACKAGE = "EncryptedPackage";

	/** A Word binary file's header (FIB) starts with this identifier... */
	private static final int WORD_IDENTIFIER = 0xA5EC;

	/** ...and has these flags at offset 0x0A: fEncrypted (RC4 or CryptoAPI) and fObfuscated (XOR): a password. */
	private static final int WORD_ENCRYPTED_FLAGS = 0x0100 | 0x8000;

	private static final XMLInputFactory XML = XMLInputFactory.newFactory();

	static {
		XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
	}

	private final String description;

	private final byte[] magic;

	FileFormat(String description, byte[] magic) {
		this.description = description;
		this.magic = magic;
	}

	/** For messages: "is a PDF". */
	public String description() {
		return this.description;
	}

	/** The content does not make a document type Scriptorium ingests, or the file's name contradicts it. */
	public static final class Unsupported extends RuntimeException {

		Unsupported(String message) {
			super(message);
		}

	}

	/** The format of a file that starts with {@code head} (its first {@link #HEAD_BYTES}, or fewer). */
	public static FileFormat of(byte[] head) {
		for (FileFormat format : values()) {
			if (format.magic.length > 0 && startsWith(head, format.magic)) {
				return format;
			}
		}
		return (head.length > 0 && isText(head)) ? TEXT : UNKNOWN;
	}

	public static FileFormat of(Path file) throws IOException {
		return of(head(file));
	}

	/** The first {@link #HEAD_BYTES} of a file. */
	public static byte[] head(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return in.readNBytes(HEAD_BYTES);
		}
	}

	/**
	 * The type of a document that starts with {@code head} and is called {@code filename}.
	 * @throws Unsupported if the content is not a type Scriptorium ingests or the extension contradicts it
	 */
	public static DocumentType documentType(byte[] head, String filename) {
		Optional<DocumentType> claimed = DocumentType.fromFilename(filename);
		FileFormat format = of(head);
		return switch (format) {
			case PDF -> expect(DocumentType.PDF, claimed.orElse(DocumentType.PDF), filename, format);
			case RTF -> expect(DocumentType.RTF, claimed.orElse(DocumentType.RTF), filename, format);
			// Only the extension says which office format a ZIP or a compound file is; a bare one is none.
			case ZIP -> claimed.filter(ZIPPED::contains).orElseThrow(() -> mismatch(filename, format));
			case OLE2 -> claimed.filter(COMPOUND::contains).orElseThrow(() -> mismatch(filename, format));
			case TEXT -> {
				// Text with an unknown extension (.csv, .log, none) is still text; text named .pdf or .docx is not.
				DocumentType type = claimed.orElse(looksLikeHtml(head) ? DocumentType.HTML : DocumentType.TXT);
				if (!type.isText()) {
					throw mismatch(filename, format);
				}
				yield type;
			}
			case UNKNOWN -> throw new Unsupported("'" + filename
					+ "' is not a supported document type (PDF, DOCX, DOC, ODT, RTF, PPTX, TXT, MD, HTML)");
		};
	}

	/**
	 * Whether an office file needs a password to be read: an OLE2 file with an encrypted OOXML package or a Word
	 * document flagged encrypted, or an ODF package whose manifest declares encrypted entries. Reads the container
	 * only: the OLE2 directory and the Word header (searching the raw bytes for a name would misfire on a .doc whose
	 * text mentions it), the ODF manifest.
	 * @throws IOException if the container is damaged (its directory or central directory cannot be read)
	 */
	public static boolean isPasswordProtected(Path file) throws IOException {
		return switch (of(file)) {
			case OLE2 -> isEncryptedCompoundFile(file);
			case ZIP -> declaresEncryption(file);
			default -> false;
		};
	}

	private static boolean isEncryptedCompoundFile(Path file) throws IOException {
		if (CompoundFile.entryNames(file).contains(ENCRYPTED_PACKAGE)) {
			return true;
		}
		Optional<ByteBuffer> fib = CompoundFile.firstSector(file, "WordDocument");
		return fib.isPresent() && Short.toUnsignedInt(fib.get().getShort(0)) == WORD_IDENTIFIER
				&& (Short.toUnsignedInt(fib.get().getShort(0x0A)) & WORD_ENCRYPTED_FLAGS) != 0;
	}

	/** An encrypted ODF package lists {@code manifest:encryption-data} for its encrypted entries. */
	private static boolean declaresEncryption(Path file) throws IOException {
		try (ZipFile zip = new ZipFile(file.toFile())) {
			ZipEntry manifest = zip.getEntry(ODF_MANIFEST);
			if (manifest == null) {
				return false;
			}
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
		}
		catch (XMLStreamException ex) {
			// A damaged manifest: the converter judges the package.
			return false;
		}
	}

	private static DocumentType expect(DocumentType actual, DocumentType claimed, String filename,
			FileFormat format) {
		if (claimed != actual) {
			throw mismatch(filename, format);
		}
		return actual;
	}

	private static Unsupported mismatch(String filename, FileFormat format) {
		return new Unsupported("'" + filename + "' is " + format.description
				+ ", which its name does not match or which is not a supported document type");
	}

	/** No NUL byte and valid UTF-8 (a multi-byte character cut by the end of the head is fine). */
	private static boolean isText(byte[] head) {
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
