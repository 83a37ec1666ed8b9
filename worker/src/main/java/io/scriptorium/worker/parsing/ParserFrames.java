package io.scriptorium.worker.parsing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the PDF parser process tells the worker, one frame at a time on its standard output: the page count, then
 * each page's text or why it was skipped, then the end; or why the document cannot be read at all. Frames are
 * flushed one by one, so the worker sees every page the process finished before it died or was killed.
 */
final class ParserFrames {

	/** Longer strings are a broken stream, not a page: a page's budget of glyphs keeps its text far below this. */
	private static final int MAX_STRING_BYTES = 64 * 1024 * 1024;

	sealed interface Frame permits PageCount, Outline, PageText, PageSkipped, Refused, End {
	}

	/** The pages the page tree really holds (counted up to the page budget and one more). */
	record PageCount(int pages) implements Frame {
	}

	/** The document's title (empty if it has none) and its outline, in reading order; sent after the page count. */
	record Outline(String title, List<Heading> headings) implements Frame {
	}

	/** A page's text layer; {@code ocrNeeded} when it has none to speak of ({@link ScannedPage}). */
	record PageText(int page, String text, boolean ocrNeeded) implements Frame {
	}

	/** A page that could not be read: damaged ({@code tooComplex} false) or over a budget. */
	record PageSkipped(int page, boolean tooComplex, String reason) implements Frame {
	}

	/** The document cannot be read at all. */
	record Refused(Reason reason, String detail) implements Frame {
	}

	record End() implements Frame {
	}

	enum Reason {

		ENCRYPTED, DAMAGED, TOO_COMPLEX

	}

	private static final byte PAGE_COUNT = 'C';

	private static final byte OUTLINE = 'O';

	private static final byte PAGE_TEXT = 'T';

	private static final byte PAGE_SKIPPED = 'S';

	private static final byte REFUSED = 'R';

	private static final byte END = 'E';

	private ParserFrames() {
	}

	static void write(DataOutputStream out, Frame frame) throws IOException {
		if (frame instanceof PageCount count) {
			out.writeByte(PAGE_COUNT);
			out.writeInt(count.pages());
		}
		else if (frame instanceof Outline outline) {
			out.writeByte(OUTLINE);
			writeString(out, outline.title());
			out.writeInt(outline.headings().size());
			for (Heading heading : outline.headings()) {
				out.writeInt(heading.page());
				out.writeInt(heading.level());
				writeString(out, heading.title());
			}
		}
		else if (frame instanceof PageText text) {
			out.writeByte(PAGE_TEXT);
			out.writeInt(text.page());
			writeString(out, text.text());
			out.writeBoolean(text.ocrNeeded());
		}
		else if (frame instanceof PageSkipped skipped) {
			out.writeByte(PAGE_SKIPPED);
			out.writeInt(skipped.page());
			out.writeBoolean(skipped.tooComplex());
			writeString(out, skipped.reason());
		}
		else if (frame instanceof Refused refused) {
			out.writeByte(REFUSED);
			out.writeByte(refused.reason().ordinal());
			writeString(out, refused.detail());
		}
		else {
			out.writeByte(END);
		}
		out.flush();
	}

	/** The next frame; {@link java.io.EOFException} when the process ended without saying more. */
	static Frame read(DataInputStream in) throws IOException {
		byte type = in.readByte();
		return switch (type) {
			case PAGE_COUNT -> new PageCount(in.readInt());
			case OUTLINE -> readOutline(in);
			case PAGE_TEXT -> new PageText(in.readInt(), readString(in), in.readBoolean());
			case PAGE_SKIPPED -> new PageSkipped(in.readInt(), in.readBoolean(), readString(in));
			case REFUSED -> new Refused(Reason.values()[in.readByte()], readString(in));
			case END -> new End();
			default -> throw new IOException("unknown frame type " + type);
		};
	}

	private static Outline readOutline(DataInputStream in) throws IOException {
		String title = readString(in);
		int count = in.readInt();
		if (count < 0 || count > DocumentOutline.MAX_HEADINGS) {
			throw new IOException("outline of " + count + " headings");
		}
		List<Heading> headings = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			headings.add(new Heading(in.readInt(), in.readInt(), readString(in)));
		}
		return new Outline(title, headings);
	}

	private static void writeString(DataOutputStream out, String value) throws IOException {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		out.writeInt(bytes.length);
		out.write(bytes);
	}

	private static String readString(DataInputStream in) throws IOException {
		int length = in.readInt();
		if (length < 0 || length > MAX_STRING_BYTES) {
			throw new IOException("frame string of " + length + " bytes");
		}
		return new String(in.readNBytes(length), StandardCharsets.UTF_8);
	}

}
