package io.scriptorium.worker.indexing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** Real text from the test corpus ({@code -Dscriptorium.corpus}), extracted here rather than copied. */
public final class CorpusText {

	/** A 4-page US GAO bid-protest decision. */
	public static final String GAO_DECISION = "pdf-text-4p-gao-decision-pdfbox.pdf";

	private CorpusText() {
	}

	public static Path file(String name) {
		Path file = Path.of(System.getProperty("scriptorium.corpus", "../../shared/corpus")).resolve(name);
		if (!Files.isRegularFile(file)) {
			throw new IllegalStateException("Corpus file " + file.toAbsolutePath() + " is missing");
		}
		return file;
	}

	/** The text of each page, as PDFBox extracts it. */
	public static List<String> pdfPages(String name) throws IOException {
		try (PDDocument document = Loader.loadPDF(file(name).toFile())) {
			PDFTextStripper stripper = new PDFTextStripper();
			List<String> pages = new ArrayList<>();
			for (int page = 1; page <= document.getNumberOfPages(); page++) {
				stripper.setStartPage(page);
				stripper.setEndPage(page);
				pages.add(stripper.getText(document));
			}
			return pages;
		}
	}

}
