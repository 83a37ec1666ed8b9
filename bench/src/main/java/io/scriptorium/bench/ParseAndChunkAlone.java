package io.scriptorium.bench;

import io.scriptorium.worker.chunking.InJvmChunker;
import io.scriptorium.worker.parsing.InJvmParser;
import io.scriptorium.workflows.document.DocumentType;
import io.scriptorium.workflows.embeddingmodel.EmbeddingSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Scriptorium's own parser and chunker (the worker's classes) over the files, one file after the other in this JVM:
 * no Temporal, no database, no parser process, no embedding. What the platform spends beyond this, with the model
 * out of the way, is its own cost.
 */
final class ParseAndChunkAlone {

	record Run(double seconds, int documents, int pages, int chunks, List<String> failures) {

		double pagesPerSecond() {
			return this.pages / this.seconds;
		}

		double chunksPerSecond() {
			return this.chunks / this.seconds;
		}

	}

	private final InJvmParser parser = new InJvmParser();

	private final InJvmChunker chunker;

	/** @param embedding the settings the worker runs with: chunks are sized in its model's tokens */
	ParseAndChunkAlone(EmbeddingSettings embedding) {
		this.chunker = new InJvmChunker(embedding);
	}

	Run run(List<CorpusFile> files, Duration timeout) {
		long start = System.nanoTime();
		long deadline = start + timeout.toNanos();
		int documents = 0;
		int pages = 0;
		int chunks = 0;
		List<String> failures = new ArrayList<>();
		for (CorpusFile file : files) {
			if (System.nanoTime() > deadline) {
				failures.add(file.name() + ": not reached within " + timeout);
				continue;
			}
			DocumentType type = DocumentType.fromFilename(file.name()).orElseThrow();
			try {
				InJvmParser.Parsed parsed = this.parser.parse(file.path(), type);
				List<InJvmChunker.Heading> headings = parsed.headings().stream()
					.map(h -> new InJvmChunker.Heading(h.page(), h.level(), h.title()))
					.toList();
				chunks += this.chunker.chunk(parsed.title(), headings, parsed.pageTexts(), !type.isText());
				pages += parsed.pages();
				documents++;
			}
			catch (IOException | RuntimeException ex) {
				failures.add(file.name() + ": " + ex.getClass().getSimpleName() + " " + ex.getMessage());
			}
		}
		return new Run((System.nanoTime() - start) / 1e9, documents, pages, chunks, failures);
	}

}
