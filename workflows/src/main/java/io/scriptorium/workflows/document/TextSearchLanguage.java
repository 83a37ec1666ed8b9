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

}
