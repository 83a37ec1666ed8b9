package io.scriptorium.workflows.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The shared test corpus ({@code -Dscriptorium.corpus}, set by the root pom) and its {@code MANIFEST.tsv}: one real
 * file per line with what ingesting it must do.
 */
public final class Corpus {

	/**
	 * One line of MANIFEST.tsv.
	 * @param kind pdf, docx, ...
	 * @param pages the page count where the manifest gives one (PDFs), else null
	 */
	public record Entry(String file, String kind, String expectation, Integer pages) {

		public Path path() {
			return root().resolve(this.file);
		}

		public int pageCount() {
			return this.pages;
		}

		@Override
		public String toString() {
			return this.file + " (" + this.expectation + ")";
		}

	}

	private Corpus() {
	}

	public static Path root() {
		String root = System.getProperty("scriptorium.corpus");
		if (root == null) {
			throw new IllegalStateException("-Dscriptorium.corpus is not set (the root pom sets it for Maven)");
		}
		return Path.of(root);
	}

	public static Path file(String name) {
		return root().resolve(name);
	}

	/** Every entry of the manifest. */
	public static List<Entry> entries() {
		try {
			List<String> lines = Files.readAllLines(root().resolve("MANIFEST.tsv"));
			List<String> header = List.of(lines.get(0).split("\t"));
			int file = header.indexOf("file");
			int kind = header.indexOf("kind");
			int expectation = header.indexOf("expectation");
			int pages = header.indexOf("pages");
			return lines.stream()
				.skip(1)
				.filter((line) -> !line.isBlank())
				.map((line) -> line.split("\t", -1))
				.map((cells) -> new Entry(cells[file], cells[kind], cells[expectation], parsePages(cells[pages])))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The manifest's entries of the given kinds. */
	public static Stream<Entry> entries(Set<String> kinds) {
		return entries().stream().filter((entry) -> kinds.contains(entry.kind()));
	}

	private static Integer parsePages(String value) {
		return value.isBlank() || !value.chars().allMatch(Character::isDigit) ? null : Integer.valueOf(value);
	}

}
