package io.scriptorium.worker.parsing;

import io.scriptorium.workflows.document.TextSearchLanguage;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Guesses a document's language from a sample of its text and names the PostgreSQL text-search configuration that
 * stems it. Counting the commonest function words of each language is enough to tell these apart on a few pages,
 * and needs no model; text where none of them reaches a clear share (Korean, tables of figures, a line or two) gets
 * {@code simple}: no stemming and no stop words, which still matches words and identifiers exactly.
 */
public final class TextLanguage {

	private static final String SIMPLE = TextSearchLanguage.SIMPLE.config();

	/** Below this many words the guess is not worth making. */
	private static final int MIN_WORDS = 40;

	/** The share of the sample's words that must be the language's function words. */
	private static final double MIN_SHARE = 0.08;

	private static final Pattern WORD = Pattern.compile("[\\p{L}']+");

	// Each list: frequent function words that are rare or absent in the other languages here.
	private static final Map<TextSearchLanguage, Set<String>> FUNCTION_WORDS = Map.of(
			TextSearchLanguage.ENGLISH,
			Set.of("the", "and", "of", "to", "is", "in", "that", "it", "for", "with", "as", "was", "on", "are", "be",
					"this", "by", "not", "or", "which", "from", "at", "have", "an", "they"),
			TextSearchLanguage.GERMAN,
			Set.of("der", "die", "und", "das", "ist", "nicht", "mit", "den", "von", "zu", "sich", "des", "auf", "ein",
					"eine", "dem", "auch", "im", "wird", "werden", "oder", "sind", "bei", "für"),
			TextSearchLanguage.FRENCH,
			Set.of("le", "la", "les", "et", "des", "est", "une", "dans", "que", "du", "pour", "qui", "pas", "sur",
					"au", "avec", "sont", "par", "ce", "il", "nous", "mais", "aux", "cette"),
			TextSearchLanguage.SPANISH,
			Set.of("el", "los", "las", "y", "que", "del", "en", "es", "por", "una", "con", "para", "como", "se", "su",
					"al", "lo", "más", "pero", "sus", "está", "son", "muy", "también"),
			TextSearchLanguage.ITALIAN,
			Set.of("il", "di", "che", "e", "della", "per", "non", "sono", "una", "gli", "nel", "alla", "con", "si",
					"delle", "anche", "più", "come", "dei", "questo", "essere", "ha", "degli"),
			TextSearchLanguage.PORTUGUESE,
			Set.of("o", "os", "as", "que", "não", "uma", "do", "da", "dos", "das", "em", "para", "com", "se", "por",
					"mais", "como", "ao", "mas", "foi", "são", "também", "pelo", "pela"),
			TextSearchLanguage.DUTCH,
			Set.of("de", "het", "een", "en", "van", "is", "dat", "niet", "op", "te", "zijn", "voor", "met", "die",
					"ook", "aan", "er", "maar", "om", "wordt", "bij", "naar", "worden", "ze"),
			TextSearchLanguage.RUSSIAN,
			Set.of("и", "в", "не", "на", "что", "с", "по", "как", "это", "к", "но", "из", "у", "за", "от", "о", "для",
					"так", "же", "то", "все", "его", "только", "или"));

	private TextLanguage() {
	}

	/** @return the text-search configuration of the language the sample is in, or {@code simple} */
	public static String of(CharSequence sample) {
		Map<TextSearchLanguage, int[]> counts = new EnumMap<>(TextSearchLanguage.class);
		FUNCTION_WORDS.keySet().forEach(language -> counts.put(language, new int[1]));
		int words = 0;
		var matcher = WORD.matcher(sample);
		while (matcher.find()) {
			String word = matcher.group().toLowerCase(Locale.ROOT);
			words++;
			for (Map.Entry<TextSearchLanguage, Set<String>> language : FUNCTION_WORDS.entrySet()) {
				if (language.getValue().contains(word)) {
					counts.get(language.getKey())[0]++;
				}
			}
		}
		if (words < MIN_WORDS) {
			return SIMPLE;
		}
		TextSearchLanguage best = TextSearchLanguage.SIMPLE;
		int bestCount = 0;
		for (Map.Entry<TextSearchLanguage, int[]> count : counts.entrySet()) {
			if (count.getValue()[0] > bestCount) {
				best = count.getKey();
				bestCount = count.getValue()[0];
			}
		}
		return ((double) bestCount / words >= MIN_SHARE) ? best.config() : SIMPLE;
	}

}
