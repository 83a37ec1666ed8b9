package io.scriptorium.worker.conversion;

import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.failure.ErrorCode;
import io.scriptorium.workflows.failure.Failures;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.Locale;
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
		UnzippedBytes budget = new UnzippedBytes(document);
		try (ZipFile zip = new ZipFile(source.toFile());
				ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
			Enumeration<? extends ZipEntry> entries = zip.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				checkName(document, entry.getName());
				if (isNestedArchive(zip, entry)) {
					try (InputStream nested = zip.getInputStream(entry)) {
						budget.countArchive(nested, 1);
					}
				}
				out.putNextEntry(new ZipEntry(entry.getName()));
				try (InputStream in = budget.counting(zip.getInputStream(entry))) {
					if (isXml(entry.getName())) {
						XmlPartFilter.filter(entry.getName(), in, out);
					}
					else {
						in.transferTo(out);
					}
				}
				out.closeEntry();
			}
		}
		catch (ZipException ex) {
			throw Failures.nonRetryable(ErrorCode.CORRUPT_DOCUMENT, document,
					"the file is not a valid " + document.type() + " (damaged ZIP: " + ex.getMessage() + ")");
		}
		catch (XmlPartFilter.DoctypeFound ex) {
			throw Failures.nonRetryable(ErrorCode.CORRUPT_DOCUMENT, document,
					"an XML part declares a document type, which " + document.type() + " files never do");
		}
		catch (XMLStreamException ex) {
			throw Failures.nonRetryable(ErrorCode.CORRUPT_DOCUMENT, document,
					"an XML part of the " + document.type() + " is not well-formed");
		}
	}

	private static void checkName(DocumentRef document, String name) {
		String normalized = name.replace('\\', '/');
		if (normalized.startsWith("/") || Arrays.asList(normalized.split("/")).contains("..")) {
			throw Failures.nonRetryable(ErrorCode.CORRUPT_DOCUMENT, document,
					"the package has an entry named outside itself (" + name.replaceAll("[^\\x20-\\x7e]", "?") + ")");
		}
	}

	private static boolean isXml(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return lower.endsWith(".xml") || lower.endsWith(".rels") || lower.endsWith(".vml");
	}

	private static boolean isNestedArchive(ZipFile zip, ZipEntry entry) throws IOException {
		try (InputStream in = zip.getInputStream(entry)) {
			return Arrays.equals(in.readNBytes(ZIP_MAGIC.length), ZIP_MAGIC);
		}
	}

	/** The bytes the package expands to, nested archives included, against the limit. */
	private final class UnzippedBytes {

		private final DocumentRef document;

		private long total;

		UnzippedBytes(DocumentRef document) {
			this.document = document;
		}

		void countArchive(InputStream archive, int depth) throws IOException {
			ZipInputStream zip = new ZipInputStream(archive);
			byte[] head = new byte[ZIP_MAGIC.length];
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				int read = zip.readNBytes(head, 0, head.length);
				add(read);
				if (depth < MAX_NESTING && read == head.length && Arrays.equals(head, ZIP_MAGIC)) {
					countArchive(new SequenceInputStream(new ByteArrayInputStream(head),
							nonClosing(zip)), depth + 1);
				}
				else {
					count(zip);
				}
			}
		}

		InputStream counting(InputStream in) {
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
