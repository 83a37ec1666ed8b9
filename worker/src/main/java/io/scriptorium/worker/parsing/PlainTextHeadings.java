package io.scriptorium.worker.parsing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The headings of a plain-text book or report: a line of its own, between blank lines, that starts with a division
 * word and its number (BOOK ONE, PART 2, CHAPTER XVI, SECTION 3.1), the convention of plain-text books and
 * filings. Larger divisions are higher levels.
 */
final class PlainTextHeadings implements SegmentHeadings {

	private static final Pattern HEADING = Pattern.compile(
			"(?:^|\\n\\n)((?:VOLUME|BOOK|PART|CHAPTER|SECTION|ARTICLE|EPILOGUE|PROLOGUE)\\b[^\\n]{0,80})(?=\\n\\n|$)",
			Pattern.CASE_INSENSITIVE);

	/** The division's number: Roman, Arabic (3, 3.1) or spelled out; then the end of the line or a separator. */
	private static final Pattern NUMBERED = Pattern.compile("^\\p{L}+(?:\\s+(?:[IVXLCDM]+|\\d+(?:\\.\\d+)*"
			+ "|ONE|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE|TEN|ELEVEN|TWELVE|FIRST|SECOND|THIRD|FOURTH|FIFTH|LAST)"
			+ "(?:[.:\\-–—]\\s*.*)?)?$", Pattern.CASE_INSENSITIVE);

	private final List<Heading> headings = new ArrayList<>();

	@Override
	public void scan(int segment, long start, String raw, String text) {
		Matcher matcher = HEADING.matcher(text);
		while (matcher.find() && this.headings.size() < DocumentOutline.MAX_HEADINGS) {
			String line = matcher.group(1).strip();
			if (NUMBERED.matcher(line).matches()) {
				this.headings.add(new Heading(segment, level(line), SegmentHeadings.cut(line)));
			}
		}
	}

	private static int level(String line) {
		String word = line.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
		return switch (word) {
			case "VOLUME" -> 1;
			case "BOOK", "PART", "EPILOGUE", "PROLOGUE" -> 2;
			case "CHAPTER", "ARTICLE" -> 3;
			default -> 4;
		};
	}

	@Override
	public List<Heading> headings() {
		return this.headings;
	}

	@Override
	public String title() {
		return "";
	}

}
