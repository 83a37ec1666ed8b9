package io.scriptorium.worker.parsing;

import java.io.IOException;
import java.io.Reader;

/**
 * Cuts a text of any length into segments of at most {@code maxChars}, at the last paragraph break in the second
 * half of the window, else the last line break, else the last space, else anywhere (never inside a surrogate pair).
 * Reads the text as a stream: memory stays bounded by the segment size, whatever the file's size.
 */
final class TextSegmenter {

	interface SegmentSink {

		void accept(String segment) throws IOException;

	}

	private final int maxChars;

	TextSegmenter(int maxChars) {
		if (maxChars < 2) {
			throw new IllegalArgumentException("A segment must hold at least 2 characters, not " + maxChars);
		}
		this.maxChars = maxChars;
	}

	void split(Reader reader, SegmentSink sink) throws IOException {
		char[] buffer = new char[8192];
		StringBuilder pending = new StringBuilder(this.maxChars + buffer.length);
		for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
			pending.append(buffer, 0, n);
			while (pending.length() > this.maxChars) {
				int cut = cutPoint(pending);
				sink.accept(pending.substring(0, cut));
				pending.delete(0, cut);
			}
		}
		if (!pending.isEmpty()) {
			sink.accept(pending.toString());
		}
	}

	private int cutPoint(StringBuilder text) {
		int from = this.maxChars / 2;
		int paragraph = text.lastIndexOf("\n\n", this.maxChars - 2);
		if (paragraph >= from) {
			return paragraph + 2;
		}
		int line = text.lastIndexOf("\n", this.maxChars - 1);
		if (line >= from) {
			return line + 1;
		}
		int space = text.lastIndexOf(" ", this.maxChars - 1);
		if (space >= from) {
			return space + 1;
		}
		return Character.isHighSurrogate(text.charAt(this.maxChars - 1)) ? this.maxChars - 1 : this.maxChars;
	}

}
