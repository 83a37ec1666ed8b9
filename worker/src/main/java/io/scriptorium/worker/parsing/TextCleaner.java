package io.scriptorium.worker.parsing;

/**
 * Makes extracted text storable and uniform: PostgreSQL rejects NUL in text (one corpus PDF has them) and a lone
 * surrogate would be stored as '?'; runs of spaces, tabs and no-break spaces become one space, line breaks stay
 * line breaks, two or more become one blank line (a paragraph break), and the ends are trimmed.
 */
public final class TextCleaner {

	private TextCleaner() {
	}

	public static String clean(CharSequence text) {
		StringBuilder out = new StringBuilder(text.length());
		int pendingBreaks = 0;
		boolean pendingSpace = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
				continue;
			}
			if (isLineBreak(c)) {
				pendingBreaks++;
				pendingSpace = false;
				continue;
			}
			if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
				pendingSpace = true;
				continue;
			}
			if (Character.isISOControl(c) || c == '\uFEFF') {
				continue;
			}
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				appendPending(out, pendingBreaks, pendingSpace);
				out.append(c).append(text.charAt(++i));
			}
			else if (!Character.isSurrogate(c)) {
				appendPending(out, pendingBreaks, pendingSpace);
				out.append(c);
			}
			else {
				continue;
			}
			pendingBreaks = 0;
			pendingSpace = false;
		}
		return out.toString();
	}

	private static boolean isLineBreak(char c) {
		return c == '\n' || c == '\r' || c == '\f' || c == '\u000B' || c == '\u2028' || c == '\u2029' || c == '\u0085';
	}

	private static void appendPending(StringBuilder out, int pendingBreaks, boolean pendingSpace) {
		if (out.isEmpty()) {
			return;
		}
		if (pendingBreaks > 0) {
			out.append((pendingBreaks > 1) ? "\n\n" : "\n");
		}
		else if (pendingSpace) {
			out.append(' ');
		}
	}

}
