package io.scriptorium.workflows.document;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The languages whose words Scriptorium stems for full-text search, each by the PostgreSQL text-search
 * configuration of its name; {@link #SIMPLE} (no stemming, no stop words) for every other language. The worker
 * stores the one it detects with each document; a search reads the user's words in each of them, since a query's
 * language cannot be told from a few words.
 */
public enum TextSearchLanguage {

	SIMPLE, ENGLISH, GERMAN, FRENCH, SPANISH, ITALIAN, PORTUGUESE, DUTCH, RUSSIAN;

	/** The PostgreSQL text-search configuration, e.g. {@code english}. */
	public String config() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Every configuration, for reading a query in each. */
	public static List<String> configs() {
		return Arrays.stream(values()).map(TextSearchLanguage::config).toList();
	}

	/**
	 * The overlapping character pairs of the text's Korean, Chinese and Japanese runs, space-separated (empty if it
	 * has none), indexed and searched beside the words. These languages attach particles to words or do not space
	 * them at all, so a query's "혜택을" must find the text's "혜택은": as Lucene's CJK bigram filter does, the pairs
	 * match where whole words cannot. Chunks and queries are both indexed with this one rule.
	 */
	public static String cjkBigrams(CharSequence text) {
		StringBuilder pairs = new StringBuilder();
		int runStart = -1;
		for (int i = 0; i <= text.length(); i++) {
			boolean cjk = i < text.length() && isCjk(text.charAt(i));
			if (cjk && runStart < 0) {
				runStart = i;
			}
			else if (!cjk && runStart >= 0) {
				for (int j = runStart; j + 1 < i; j++) {
					pairs.append(pairs.isEmpty() ? "" : " ").append(text.charAt(j)).append(text.charAt(j + 1));
				}
				runStart = -1;
			}
		}
		return pairs.toString();
	}

	private static boolean isCjk(char c) {
		Character.UnicodeScript script = Character.UnicodeScript.of(c);
		return script == Character.UnicodeScript.HANGUL || script == Character.UnicodeScript.HAN
				|| script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA;
	}

}
