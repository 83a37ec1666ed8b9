package io.scriptorium.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One document of the test corpus that the platform is expected to ingest ({@code expectation} = ok). */
record CorpusFile(Path path, String kind, long bytes) {

	/** Too large for a quick run: they alone take most of a full one (about 9,000 chunks between them). */
	private static final List<String> VOLUME_TESTS = List.of("txt-war-and-peace", "docx-large-125k-words");

	String name() {
		return this.path.getFileName().toString();
	}

	static List<CorpusFile> ok(Path corpus, boolean quick) {
		try {
			List<String> lines = Files.readAllLines(corpus.resolve("MANIFEST.tsv"));
			List<String> header = Arrays.asList(lines.get(0).split("\t"));
			int file = header.indexOf("file");
			int kind = header.indexOf("kind");
			int expectation = header.indexOf("expectation");
			List<CorpusFile> files = new ArrayList<>();
			for (String line : lines.subList(1, lines.size())) {
				String[] columns = line.split("\t");
				if (columns.length <= expectation || !"ok".equals(columns[expectation])) {
					continue;
				}
				if (quick && VOLUME_TESTS.stream().anyMatch(columns[file]::startsWith)) {
					continue;
				}
				Path path = corpus.resolve(columns[file]);
				files.add(new CorpusFile(path, columns[kind], Files.size(path)));
			}
			return files;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
