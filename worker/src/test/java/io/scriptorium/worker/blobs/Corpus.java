package io.scriptorium.worker.blobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The shared test corpus, located by the {@code scriptorium.corpus} system property the build sets. */
public final class Corpus {

	/** One line of MANIFEST.tsv: the file, its kind (pdf, docx, ...), what should happen and, for PDFs, its pages. */
	public record Entry(String file, String kind, String expectation, String pages) {

		public Path path() {
			return root().resolve(this.file);
		}

		public int pageCount() {
			return Integer.parseInt(this.pages);
		}

		@Override
		public String toString() {
			return this.file;
		}

	}

	private Corpus() {
	}

	public static Path root() {
		String root = System.getProperty("scriptorium.corpus");
		if (root == null) {
			throw new IllegalStateException("Set the system property scriptorium.corpus (the build does)");
		}
		return Path.of(root);
	}

	public static Path file(String name) {
		return root().resolve(name);
	}

	/** The manifest's entries of the given kinds. */
	public static Stream<Entry> entries(Set<String> kinds) {
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
				.map((cells) -> new Entry(cells[file], cells[kind], cells[expectation], cells[pages]))
				.filter((entry) -> kinds.contains(entry.kind()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
