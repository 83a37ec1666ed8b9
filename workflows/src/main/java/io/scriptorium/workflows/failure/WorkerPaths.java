package io.scriptorium.workflows.failure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the worker's disk out of failure messages, which users read: LibreOffice and PDFBox name the temporary
 * files they were given ("Document password requested for file:///tmp/convert-123/source.odt"). File URLs and
 * paths under the temporary, working and home directories become {@code <file>}.
 */
final class WorkerPaths {

	private static final String HIDDEN = "<file>";

	/** What a path runs on with: not white space, quotes or the punctuation a sentence puts after it. */
	private static final String PATH_CHARACTERS = "[^\\s'\"();,]*";

	private static final Pattern PATHS = compile();

	private WorkerPaths() {
	}

	static String redact(String message) {
		return (message != null) ? PATHS.matcher(message).replaceAll(Matcher.quoteReplacement(HIDDEN)) : null;
	}

	private static Pattern compile() {
		List<String> alternatives = new ArrayList<>(List.of("file:/+" + PATH_CHARACTERS));
		for (String property : List.of("java.io.tmpdir", "user.dir", "user.home")) {
			String value = System.getProperty(property);
			if (value != null) {
				String root = Path.of(value).toAbsolutePath().normalize().toString();
				// "/" or a one-letter root would hide every path-like word.
				if (root.length() > 2) {
					alternatives.add(Pattern.quote(root) + "(?:/" + PATH_CHARACTERS + ")?");
				}
			}
		}
		return Pattern.compile(String.join("|", alternatives));
	}

}
