package io.scriptorium.worker.conversion;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Writes an RTF file anew without the groups that make LibreOffice read other files or URLs: field instructions
 * ({@code \fldinst}: {@code INCLUDEPICTURE}, {@code INCLUDETEXT}, {@code DDE}, ...; the field's cached result,
 * {@code \fldrslt}, stays as text) and attached templates ({@code \*\template}). It reads RTF's tokens only as far
 * as it must to find group boundaries: braces, escaped braces and {@code \binN} runs of raw bytes.
 */
final class RtfRewriter {

	private static final Set<String> DROPPED_DESTINATIONS = Set.of("fldinst", "template");

	/** A destination's control word follows its brace within a few bytes ({@code {\*\fldinst}). */
	private static final int LOOKAHEAD = 64;

	private final PushbackInputStream in;

	private final OutputStream out;

	private RtfRewriter(PushbackInputStream in, OutputStream out) {
		this.in = in;
		this.out = out;
	}

	static void rewrite(Path source, Path target) throws IOException {
		try (PushbackInputStream in = new PushbackInputStream(
				new BufferedInputStream(Files.newInputStream(source), LOOKAHEAD * 1024), LOOKAHEAD);
				OutputStream out = new BufferedOutputStream(Files.newOutputStream(target))) {
			new RtfRewriter(in, out).copy();
		}
	}

	private void copy() throws IOException {
		for (int c = this.in.read(); c >= 0; c = this.in.read()) {
			if (c == '{' && opensDroppedDestination()) {
				skipGroup();
			}
			else {
				this.out.write(c);
				if (c == '\\') {
					copyControl();
				}
			}
		}
	}

	/** After a backslash: copies an escaped character, or a control word with its parameter and raw bytes. */
	private void copyControl() throws IOException {
		StringBuilder word = new StringBuilder();
		int c = this.in.read();
		while (c >= 0 && isLetter(c) && word.length() < 32) {
			word.append((char) c);
			c = this.in.read();
		}
		if (word.isEmpty()) {
			// \{, \}, \\ and other control symbols: copy the one character so it is not taken for a brace.
			if (c >= 0) {
				this.out.write(c);
			}
			return;
		}
		StringBuilder parameter = new StringBuilder();
		while (c >= 0 && (Character.isDigit(c) || (c == '-' && parameter.isEmpty())) && parameter.length() < 12) {
			parameter.append((char) c);
			c = this.in.read();
		}
		this.out.write(word.toString().getBytes(StandardCharsets.US_ASCII));
		this.out.write(parameter.toString().getBytes(StandardCharsets.US_ASCII));
		if (c == ' ') {
			// The space that ends a control word belongs to it.
			this.out.write(c);
		}
		else if (c >= 0) {
			// Anything else starts the next token: a brace must be seen as one.
			this.in.unread(c);
		}
		if ("bin".contentEquals(word) && !parameter.isEmpty()) {
			// \binN is followed by N raw bytes, braces among them.
			transfer(Math.max(0, Long.parseLong(parameter.toString())));
		}
	}

	private void transfer(long bytes) throws IOException {
		for (long i = 0; i < bytes; i++) {
			int b = this.in.read();
			if (b < 0) {
				return;
			}
			this.out.write(b);
		}
	}

	/** Just after a '{': whether the group is {@code {\fldinst} or {@code {\*\fldinst} (or a template). */
	private boolean opensDroppedDestination() throws IOException {
		byte[] head = new byte[LOOKAHEAD];
		int read = this.in.readNBytes(head, 0, head.length);
		this.in.unread(head, 0, read);
		String text = new String(head, 0, read, StandardCharsets.ISO_8859_1).stripLeading();
		if (text.startsWith("\\*")) {
			text = text.substring(2).stripLeading();
		}
		if (!text.startsWith("\\")) {
			return false;
		}
		int end = 1;
		while (end < text.length() && isLetter(text.charAt(end))) {
			end++;
		}
		return DROPPED_DESTINATIONS.contains(text.substring(1, end));
	}

	/** Skips to the brace that closes the group just opened, honouring escapes and raw bytes. */
	private void skipGroup() throws IOException {
		RtfRewriter skipper = new RtfRewriter(this.in, OutputStream.nullOutputStream());
		int depth = 1;
		for (int c = this.in.read(); c >= 0; c = this.in.read()) {
			if (c == '\\') {
				skipper.copyControl();
			}
			else if (c == '{') {
				depth++;
			}
			else if (c == '}' && --depth == 0) {
				return;
			}
		}
	}

	private static boolean isLetter(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

}
