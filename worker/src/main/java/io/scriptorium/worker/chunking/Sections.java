package io.scriptorium.worker.chunking;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Walks a document's headings along its pages and tells which section each piece of text sits under. A heading is
 * placed where its title appears on its page (case and line breaks ignored); where the title cannot be found
 * (outline entries often differ from the printed heading) the section starts where the last one was placed on that
 * page, or at the page's top. Not thread-safe: one instance per document.
 */
final class Sections {

	static final String SEPARATOR = " > ";

	/** A heading as stored: its page (segment for text formats), level and title. */
	record Heading(int page, int level, String title) {
	}

	/** Text of one page that sits under one section ({@code null} before the first heading). */
	record Piece(String section, String text) {
	}

	private final List<Heading> headings;

	private final Deque<Heading> path = new ArrayDeque<>();

	private int next;

	/** @param headings in reading order; an outline that jumps back is put in page order (stable within a page) */
	Sections(List<Heading> headings) {
		this.headings = headings.stream().sorted(Comparator.comparingInt(Heading::page)).toList();
	}

	/** Cuts {@code text}, the page numbered {@code page}, where its headings start; pages come in order. */
	List<Piece> split(int page, String text) {
		while (this.next < this.headings.size() && this.headings.get(this.next).page() < page) {
			enter(this.headings.get(this.next++));
		}
		List<Piece> pieces = new ArrayList<>();
		String folded = fold(text);
		int cursor = 0;
		while (this.next < this.headings.size() && this.headings.get(this.next).page() == page) {
			Heading heading = this.headings.get(this.next++);
			int at = folded.indexOf(fold(heading.title()), cursor);
			at = markdownMarksBefore(text, cursor, at);
			if (at > cursor) {
				add(pieces, text.substring(cursor, at));
				cursor = at;
			}
			enter(heading);
		}
		add(pieces, text.substring(cursor));
		return pieces;
	}

	/** Where a Markdown heading's marks ({@code ## }) before {@code at} start: they belong to the heading. */
	private static int markdownMarksBefore(String text, int cursor, int at) {
		int start = at;
		while (start > cursor && text.charAt(start - 1) == ' ') {
			start--;
		}
		int marks = start;
		while (marks > cursor && text.charAt(marks - 1) == '#') {
			marks--;
		}
		return (marks < start) ? marks : at;
	}

	private void add(List<Piece> pieces, String text) {
		if (!text.isBlank()) {
			pieces.add(new Piece(current(), text));
		}
	}

	private void enter(Heading heading) {
		while (!this.path.isEmpty() && this.path.peekLast().level() >= heading.level()) {
			this.path.removeLast();
		}
		this.path.addLast(heading);
	}

	private String current() {
		return this.path.isEmpty() ? null
				: this.path.stream().map(Heading::title).collect(Collectors.joining(SEPARATOR));
	}

	/** Lower case and line breaks as spaces, char for char, so that offsets stay those of the text. */
	private static String fold(String text) {
		char[] chars = text.toCharArray();
		for (int i = 0; i < chars.length; i++) {
			chars[i] = (chars[i] == '\n') ? ' ' : Character.toLowerCase(chars[i]);
		}
		return new String(chars);
	}

	/**
	 * What the model and the full-text index read before a chunk's text: the document's title and the section
	 * path, each on its line, whichever there are.
	 */
	static String context(String title, String section) {
		StringBuilder context = new StringBuilder();
		if (title != null && !title.isBlank() && (section == null || !section.startsWith(title))) {
			context.append(title.strip());
		}
		if (section != null) {
			context.append(context.isEmpty() ? "" : "\n").append(section);
		}
		return context.toString();
	}

}
