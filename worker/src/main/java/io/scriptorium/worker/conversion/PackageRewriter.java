package io.scriptorium.worker.conversion;

import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.failure.ErrorCode;
import io.scriptorium.workflows.failure.Failures;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.xml.stream.XMLStreamException;

/**
 * Writes a ZIP-based office file (DOCX, PPTX, ODT) anew for LibreOffice: every XML part through
 * {@link XmlPartFilter}, every other part as it is. On the way it counts what the package expands to, archives
 * stored inside it included (an {@code altChunk} DOCX holding 512 MiB of XML is as large as its XML), and refuses
 * entry names that climb out of the package.
 */
final class PackageRewriter {

	private static final byte[] ZIP_MAGIC = { 'P', 'K', 3, 4 };

	/** Archives inside archives inside the package are counted this deep; deeper ones count as their bytes. */
	private static final int MAX_NESTING = 3;

	private final long maxUnzippedBytes;

	PackageRewriter(long maxUnzippedBytes) {
		this.maxUnzippedBytes = maxUnzippedBytes;
	}

	void rewrite(DocumentRef document, Path source, Path target) throws IOException {
		try (ZipFile zip = new ZipFile(source.toFile())) {
			Set<String> toFilter = checkEntries(document, zip);
			try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
				Enumeration<? extends ZipEntry> entries = zip.entries();
				while (entries.hasMoreElements()) {
					ZipEntry entry = entries.nextElement();
					out.putNextEntry(new ZipEntry(entry.getName()));
					try (InputStream in = new BufferedInputStream(zip.getInputStream(entry))) {
						if (toFilter.contains(entry.getName()) && !isEmpty(in)) {
							filter(document, entry.getName(), in, out);
						}
						else {
							in.transferTo(out);
						}
					}
					out.closeEntry();
				}
			}
		}
		catch (ZipException ex) {
			throw Failures.nonRetryable(ErrorCode.CORRUPT_DOCUMENT, document,
					"the file is not a valid " + document.type() + " (damaged ZIP: " + ex.getMessage() + ")");
		}
	}

	/**
	 * Before anything is parsed: every name inside the package, and every byte counted, inflated, nested archives
	 * too (the sizes an archive declares can lie). Returns the XML parts that must go through the filter: every
	 * relationships part, and every other part that {@link ReferenceScan} cannot clear; the rest are copied as they
	 * are, which spares the filter's cost (about 0.5 s per MB of XML) on the large text parts that reference nothing.
	 */
	private Set<String> checkEntries(DocumentRef document, ZipFile zip) throws IOException {
		UnzippedBytes budget = new UnzippedBytes(document);
		Set<String> toFilter = new HashSet<>();
		Enumeration<? extends ZipEntry> entries = zip.entries();
		while (entries.hasMoreElements()) {
			ZipEntry entry = entries.nextElement();
			checkName(document, entry.getName());
			if (!isXml(entry.getName())) {
				try (InputStream in = zip.getInputStream(entry)) {
					budget.countEntry(in, 0);
				}
				continue;
			}
			try (ReferenceScan scan = new ReferenceScan(zip.getInputStream(entry))) {
				budget.countEntry(scan, 0);
				if (entry.getName().endsWith(".rels") || scan.mayReference()) {
					toFilter.add(entry.getName());
				}
			}
		}
		return toFilter;
	}

	/**
	 * Reads a part and tells whether it may reference anything outside the package: the names the filter acts on
	 * (link attributes, {@code altChunk}, field instructions, a document type) occur in it, or it is not in an
	 * ASCII-compatible encoding (UTF-16 would hide them from a byte scan). Names cannot be escaped in XML, so a part
	 * without them has nothing to filter.
	 */
	private static final class ReferenceScan extends FilterInputStream {

		private static final Pattern NAMES = Pattern.compile(
				"[\\s:](?:href|src|image-data)\\s*=|altChunk|[iI]nstrText|fldSimple|<!DOCTYPE|<!ENTITY");

		/** Longer than any of the names, so that one cut by a buffer boundary is still seen. */
		private static final int OVERLAP = 32;

		private String tail = "";

		private long position;

		private boolean found;

		ReferenceScan(InputStream in) {
			super(in);
		}

		boolean mayReference() {
			return this.found;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : Byte.toUnsignedInt(one[0]);
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = super.read(buffer, offset, length);
			if (n > 0 && !this.found) {
				scan(buffer, offset, n);
			}
			return n;
		}

		private void scan(byte[] buffer, int offset, int length) {
			for (int i = 0; i < length && this.position + i < 4; i++) {
				byte b = buffer[offset + i];
				if (b == 0 || b == (byte) 0xFE || b == (byte) 0xFF) {
					this.found = true;
					return;
				}
			}
			this.position += length;
			String window = this.tail + new String(buffer, offset, length, StandardCharsets.ISO_8859_1);
			this.found = NAMES.matcher(window).find();
			this.tail = window.substring(Math.max(0, window.length() - OVERLAP));
		}

	}

	private static void filter(DocumentRef document, String part, InputStream in, ZipOutputStream out) {
		try {
			XmlPartFilter.filter(part, in, out);
		}
		catch (XmlPartFilter.DoctypeFound ex) {
			throw Failures.nonRetryable(ErrorCode.CORRUPT_DOCUMENT, document, "its part " + printable(part)
					+ " declares a document type, which " + document.type() + " files never do");
		}
		catch (XMLStreamException ex) {
			throw Failures.nonRetryable(ErrorCode.CORRUPT_DOCUMENT, document,
					"its part " + printable(part) + " is not well-formed XML");
		}
	}

	/** An empty part (ODF writes some) is copied as it is: no XML to read. */
	private static boolean isEmpty(InputStream in) throws IOException {
		in.mark(1);
		boolean empty = in.read() < 0;
		in.reset();
		return empty;
	}

	private static String printable(String name) {
		return name.replaceAll("[^\\x20-\\x7e]", "?");
	}

	private static void checkName(DocumentRef document, String name) {
		String normalized = name.replace('\\', '/');
		if (normalized.startsWith("/") || Arrays.asList(normalized.split("/")).contains("..")) {
			throw Failures.nonRetryable(ErrorCode.CORRUPT_DOCUMENT, document,
					"the package has an entry named outside itself (" + printable(name) + ")");
		}
	}

	private static boolean isXml(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return lower.endsWith(".xml") || lower.endsWith(".rels") || lower.endsWith(".vml");
	}

	/** The bytes the package expands to, nested archives included, against the limit. */
	private final class UnzippedBytes {

		private final DocumentRef document;

		private long total;

		UnzippedBytes(DocumentRef document) {
			this.document = document;
		}

		/** Counts an entry's bytes; one that is itself an archive is counted as what it expands to as well. */
		void countEntry(InputStream entry, int depth) throws IOException {
			byte[] head = entry.readNBytes(ZIP_MAGIC.length);
			add(head.length);
			if (depth < MAX_NESTING && Arrays.equals(head, ZIP_MAGIC)) {
				ZipInputStream nested = new ZipInputStream(new SequenceInputStream(new ByteArrayInputStream(head),
						counting(entry)));
				for (ZipEntry inner = nested.getNextEntry(); inner != null; inner = nested.getNextEntry()) {
					countEntry(nonClosing(nested), depth + 1);
				}
			}
			count(entry);
		}

		private InputStream counting(InputStream in) {
			return new FilterInputStream(in) {

				@Override
				public int read() throws IOException {
					int b = super.read();
					if (b >= 0) {
						add(1);
					}
					return b;
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					int n = super.read(buffer, offset, length);
					if (n > 0) {
						add(n);
					}
					return n;
				}

			};
		}

		private void count(InputStream in) throws IOException {
			byte[] buffer = new byte[64 * 1024];
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				add(n);
			}
		}

		private void add(long bytes) {
			this.total += bytes;
			if (this.total > PackageRewriter.this.maxUnzippedBytes) {
				throw Failures.nonRetryable(ErrorCode.DOCUMENT_TOO_LARGE, this.document,
						"the document expands to more than " + PackageRewriter.this.maxUnzippedBytes / (1024 * 1024)
								+ " MB when unzipped (archives inside it included)");
			}
		}

		private static InputStream nonClosing(InputStream in) {
			return new FilterInputStream(in) {

				@Override
				public void close() {
					// The entry belongs to the enclosing archive's stream.
				}

			};
		}

	}

}
