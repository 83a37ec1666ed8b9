package io.scriptorium.workflows.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.DeflaterOutputStream;

/**
 * PDFs built to hurt a parser, written byte by byte (no library, so that none of them is "fixed" on the way): each
 * is small on disk and costs minutes, gigabytes or a stack overflow when read naively. Shared by the worker's
 * parsing tests and the end-to-end test.
 */
public final class HostilePdfs {

	/** A file and the error code it must end with. */
	public record Bomb(String name, String expectedCode, byte[] content) {

		public Path writeTo(Path directory) {
			try {
				return Files.write(directory.resolve(this.name), this.content);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	private HostilePdfs() {
	}

	/** The ones that used to wedge or kill a worker: CPU, heap, nesting and inflation. */
	public static List<Bomb> workerWedging() {
		return List.of(new Bomb("form-xobject-bomb.pdf", "DOCUMENT_TOO_COMPLEX", formBomb(16, 10)),
				new Bomb("graphics-state-bomb.pdf", "DOCUMENT_TOO_COMPLEX", saveStateBomb(1_000_000)),
				new Bomb("q-operator-flood.pdf", "DOCUMENT_TOO_COMPLEX", saveStateBomb(100_000_000)),
				new Bomb("glyph-bomb.pdf", "DOCUMENT_TOO_COMPLEX", glyphFormBomb(16, 6)),
				new Bomb("glyph-flood.pdf", "DOCUMENT_TOO_COMPLEX", glyphBomb(100_000_000)),
				new Bomb("inflate-bomb.pdf", "DOCUMENT_TOO_COMPLEX", inflateBomb(512L * 1024 * 1024)),
				new Bomb("nesting-bomb.pdf", "CORRUPT_DOCUMENT", nestingBomb(100_000)));
	}

	/** Page trees that lie about their size or are simply too large. */
	public static List<Bomb> pageTrees() {
		return List.of(new Bomb("shared-kids-bomb.pdf", "TOO_MANY_PAGES", sharedKidsBomb(10, 8, 2_000)),
				new Bomb("hundred-thousand-pages.pdf", "TOO_MANY_PAGES", pages(100_000)));
	}

	/** A page that draws form 1, which draws form 2 {@code fanOut} times, and so on {@code depth} levels down. */
	public static byte[] formBomb(int fanOut, int depth) {
		Writer pdf = new Writer();
		formBombForms(pdf, 5, fanOut, depth, "0 0 m 1 1 l S\n");
		return pdf.onePage("<< /XObject << /X 5 0 R >> >>", "/X Do\n".getBytes(StandardCharsets.US_ASCII));
	}

	/** The same tree of forms, each leaf showing 1,000 glyphs: few operators, fanOut<sup>depth</sup> × 1,000 glyphs. */
	public static byte[] glyphFormBomb(int fanOut, int depth) {
		Writer pdf = new Writer();
		formBombForms(pdf, 5, fanOut, depth, "BT /F1 1 Tf (" + "a".repeat(1_000) + ") Tj ET\n");
		return pdf.onePage("<< /XObject << /X 5 0 R >> >>", "/X Do\n".getBytes(StandardCharsets.US_ASCII));
	}

	/** Forms {@code first}..{@code first + depth - 1}, each drawing the next {@code fanOut} times. */
	private static void formBombForms(Writer pdf, int first, int fanOut, int depth, String leafContent) {
		String draws = "/X Do\n".repeat(fanOut);
		for (int level = 0; level < depth; level++) {
			int form = first + level;
			String content = (level == depth - 1) ? leafContent : draws;
			String resources = (level == depth - 1) ? HELVETICA : "<< /XObject << /X " + (form + 1) + " 0 R >> >>";
			pdf.stream(form, "/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources " + resources,
					content.getBytes(StandardCharsets.US_ASCII));
		}
	}

	/** One page of {@code count} nested {@code q} operators, deflated. */
	public static byte[] saveStateBomb(long count) {
		return new Writer().onePageDeflated("<< >>", (out) -> repeat(out, "q ", count));
	}

	/** One page showing {@code glyphs} glyphs, 1,000 per string, deflated. */
	public static byte[] glyphBomb(long glyphs) {
		String show = "(" + "a".repeat(1_000) + ") Tj\n";
		return new Writer().onePageDeflated(HELVETICA, (out) -> {
			write(out, "BT /F1 1 Tf\n");
			repeat(out, show, glyphs / 1_000);
			write(out, "ET\n");
		});
	}

	/** One page whose content stream inflates to {@code bytes} of white space. */
	public static byte[] inflateBomb(long bytes) {
		return new Writer().onePageDeflated("<< >>", (out) -> repeat(out, " ", bytes));
	}

	/** One page whose resources hold arrays nested {@code depth} deep: past PDFBox's recursion limit, damaged. */
	public static byte[] nestingBomb(int depth) {
		return new Writer().onePage("<< /Nested " + "[".repeat(depth) + "]".repeat(depth) + " >>",
				"0 0 m\n".getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * A page tree whose root claims {@code claimedCount} pages while each of its {@code levels} levels holds the
	 * node below {@code fanOut} times: fanOut<sup>levels</sup> leaves, all one page object.
	 */
	public static byte[] sharedKidsBomb(int fanOut, int levels, int claimedCount) {
		Writer pdf = new Writer();
		int leaf = 10;
		pdf.object(leaf, "<< /Type /Page /Parent 11 0 R /MediaBox [0 0 10 10] >>");
		int child = leaf;
		for (int level = 0; level < levels; level++) {
			int node = 11 + level;
			StringBuilder kids = new StringBuilder();
			for (int i = 0; i < fanOut; i++) {
				kids.append(child).append(" 0 R ");
			}
			int parent = (level == levels - 1) ? 2 : node + 1;
			pdf.object(node,
					"<< /Type /Pages /Parent " + parent + " 0 R /Kids [" + kids + "] /Count " + fanOut + " >>");
			child = node;
		}
		pdf.object(1, "<< /Type /Catalog /Pages 2 0 R >>");
		pdf.object(2, "<< /Type /Pages /Kids [" + child + " 0 R] /Count " + claimedCount + " >>");
		return pdf.finish(1);
	}

	/** {@code count} empty pages, each its own object. */
	public static byte[] pages(int count) {
		Writer pdf = new Writer();
		StringBuilder kids = new StringBuilder();
		for (int i = 0; i < count; i++) {
			pdf.object(10 + i, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>");
			kids.append(10 + i).append(" 0 R ");
		}
		pdf.object(1, "<< /Type /Catalog /Pages 2 0 R >>");
		pdf.object(2, "<< /Type /Pages /Kids [" + kids + "] /Count " + count + " >>");
		return pdf.finish(1);
	}

	/** Three pages: a line of text, a {@link #formBomb form bomb} (16 × 10), another line of text. */
	public static byte[] bombBetweenText(String first, String last) {
		Writer pdf = new Writer();
		formBombForms(pdf, 20, 16, 10, "0 0 m 1 1 l S\n");
		pdf.stream(4, "", textContent(first));
		pdf.stream(5, "", "/X Do\n".getBytes(StandardCharsets.US_ASCII));
		pdf.stream(6, "", textContent(last));
		pdf.object(1, "<< /Type /Catalog /Pages 2 0 R >>");
		pdf.object(2, "<< /Type /Pages /Kids [7 0 R 8 0 R 9 0 R] /Count 3 >>");
		String resources = "<< /XObject << /X 20 0 R >> " + HELVETICA.substring(3);
		for (int page = 0; page < 3; page++) {
			pdf.object(7 + page, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources " + resources
					+ " /Contents " + (4 + page) + " 0 R >>");
		}
		return pdf.finish(1);
	}

	private static byte[] textContent(String line) {
		return ("BT /F1 12 Tf 72 720 Td (" + line + ") Tj ET\n").getBytes(StandardCharsets.US_ASCII);
	}

	/** A normal one-page PDF with a line of text. */
	public static byte[] text(String line) {
		return new Writer().onePage(HELVETICA, textContent(line));
	}

	private static final String HELVETICA = "<< /Font << /F1 << /Type /Font /Subtype /Type1 "
			+ "/BaseFont /Helvetica >> >> >>";

	private static void repeat(OutputStream out, String text, long times) {
		byte[] chunk = text.repeat((int) Math.max(1, Math.min(times, 1_000_000 / text.length() + 1)))
			.getBytes(StandardCharsets.US_ASCII);
		long perChunk = chunk.length / text.length();
		try {
			long left = times;
			while (left >= perChunk) {
				out.write(chunk);
				left -= perChunk;
			}
			out.write(text.repeat((int) left).getBytes(StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void write(OutputStream out, String text) {
		try {
			out.write(text.getBytes(StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Objects by number, then a cross-reference table with their offsets. */
	private static final class Writer {

		private final Map<Integer, byte[]> objects = new LinkedHashMap<>();

		void object(int number, String body) {
			this.objects.put(number, (number + " 0 obj\n" + body + "\nendobj\n").getBytes(StandardCharsets.US_ASCII));
		}

		void stream(int number, String dictionary, byte[] data) {
			stream(number, dictionary, data, false);
		}

		void stream(int number, String dictionary, byte[] data, boolean deflated) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			String filter = deflated ? " /Filter /FlateDecode" : "";
			out.writeBytes((number + " 0 obj\n<< " + dictionary + filter + " /Length " + data.length + " >>\nstream\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.writeBytes(data);
			out.writeBytes("\nendstream\nendobj\n".getBytes(StandardCharsets.US_ASCII));
			this.objects.put(number, out.toByteArray());
		}

		byte[] onePage(String resources, byte[] content) {
			stream(4, "", content);
			return page(resources);
		}

		byte[] onePageDeflated(String resources, Consumer<OutputStream> content) {
			ByteArrayOutputStream deflated = new ByteArrayOutputStream();
			try (DeflaterOutputStream out = new DeflaterOutputStream(deflated)) {
				content.accept(out);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			stream(4, "", deflated.toByteArray(), true);
			return page(resources);
		}

		private byte[] page(String resources) {
			object(1, "<< /Type /Catalog /Pages 2 0 R >>");
			object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
			object(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources " + resources
					+ " /Contents 4 0 R >>");
			return finish(1);
		}

		byte[] finish(int root) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			out.writeBytes("%PDF-1.7\n%\u00e2\u00e3\n".getBytes(StandardCharsets.ISO_8859_1));
			int size = this.objects.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
			long[] offsets = new long[size];
			for (Map.Entry<Integer, byte[]> object : this.objects.entrySet()) {
				offsets[object.getKey()] = out.size();
				out.writeBytes(object.getValue());
			}
			long xref = out.size();
			StringBuilder table = new StringBuilder("xref\n0 " + size + "\n0000000000 65535 f \n");
			for (int i = 1; i < size; i++) {
				table.append(offsets[i] == 0 ? "0000000000 65535 f \n" : String.format("%010d 00000 n \n", offsets[i]));
			}
			table.append("trailer\n<< /Size ").append(size).append(" /Root ").append(root)
				.append(" 0 R >>\nstartxref\n")
				.append(xref).append("\n%%EOF\n");
			out.writeBytes(table.toString().getBytes(StandardCharsets.US_ASCII));
			return out.toByteArray();
		}

	}

}
