package io.scriptorium.api.search;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a query looks like, which decides how much its words count against its meaning: an exact identifier (a form
 * number, a file number, an amount) wants the chunk that holds it; a question in many words wants the passage that
 * answers it, whatever its words.
 *
 * @param words how many words it has
 * @param identifiers its identifiers: words of at least four characters with a digit and a letter or a separator
 * ({@code USCA-03-R-0045}, {@code 000-30653}, {@code $402,200}, {@code 39.6%}); a bare number or year is not one
 */
record QueryShape(int words, List<String> identifiers) {

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

	private static final Pattern IDENTIFIER = Pattern.compile("(?=.*\\d)(?=.*[\\p{L}\\-./,$%]).{4,}");

	/** Punctuation around a word that belongs to the sentence, not to the identifier. */
	private static final Pattern SENTENCE_MARKS = Pattern.compile("^[\"'(\\[]+|[\"'?!;:,.)\\]]+$");

	static QueryShape of(String query) {
		List<String> identifiers = Arrays.stream(query.split("\\s+"))
			.map(word -> SENTENCE_MARKS.matcher(word).replaceAll(""))
			.filter(word -> IDENTIFIER.matcher(word).matches())
			.distinct()
			.toList();
		return new QueryShape((int) WORD.matcher(query).results().count(), identifiers);
	}

}
