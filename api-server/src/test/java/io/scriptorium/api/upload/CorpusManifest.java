package io.scriptorium.api.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The test corpus ({@code -Dscriptorium.corpus}, set by the root pom) and its {@code MANIFEST.tsv}: one real file
 * per line with what ingesting it must do.
 */
public final class CorpusManifest {

	private CorpusManifest() {
	}

	public static Path root() {
		String corpus = System.getProperty("scriptorium.corpus");
		if (corpus == null) {
			throw new IllegalStateException("-Dscriptorium.corpus is not set (the root pom sets it for Maven)");
		}
		return Path.of(corpus);
	}

	public static List<Entry> entries() {
		try {
			List<String> lines = Files.readAllLines(root().resolve("MANIFEST.tsv"));
			List<String> header = Arrays.asList(lines.get(0).split("\t"));
			int file = header.indexOf("file");
			int expectation = header.indexOf("expectation");
			int pages = header.indexOf("pages");
			return lines.stream()
				.skip(1)
				.filter(line -> !line.isBlank())
				.map(line -> line.split("\t", -1))
				.map(cols -> new Entry(cols[file], cols[expectation], parsePages(cols[pages])))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Integer parsePages(String value) {
		return value.isBlank() || !value.chars().allMatch(Character::isDigit) ? null : Integer.valueOf(value);
	}

	/** @param pages the page count for PDFs, null where the manifest gives none */
	public record Entry(String file, String expectation, Integer pages) {

		public Path path() {
			return root().resolve(this.file);
		}

		@Override
		public String toString() {
			return this.file + " (" + this.expectation + ")";
		}

	}

}
