package io.scriptorium.worker.parsing;

import io.scriptorium.worker.parsing.ParserFrames.Frame;
import io.scriptorium.worker.parsing.ParserFrames.Outline;
import io.scriptorium.worker.parsing.ParserFrames.PageCount;
import io.scriptorium.worker.parsing.ParserFrames.PageSkipped;
import io.scriptorium.worker.parsing.ParserFrames.PageText;
import io.scriptorium.worker.parsing.ParserFrames.Refused;
import io.scriptorium.workflows.document.DocumentType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker's parsing of one file, called in the bench's JVM: the code its PDF parser process
 * ({@link PdfParserMain#parse}) and {@code ParsingActivitiesImpl} run, with the worker's default limits, but no
 * parser process, no database and no Temporal. It is the bench's, not the worker's: it sits in the worker's package
 * (the bench has the worker's plain jar on its classpath) so that the worker need not make its parsing classes
 * public for a measurement. What it leaves out is what the platform adds: the process per document, the page rows,
 * the heartbeats.
 */
public final class InJvmParser {

	/** A heading as parsing stores it: its page (segment for text formats), level and title. */
	public record Heading(int page, int level, String title) {
	}

	/**
	 * What parsing stores of a document.
	 * @param pages the PDF's page count; 0 for text formats, which have no pages
	 * @param title the document's title, or null (as stored)
	 * @param pageTexts the cleaned text of every page (or segment), in order, numbered from 1
	 */
	public record Parsed(int pages, String title, List<Heading> headings, List<String> pageTexts, String language) {
	}

	private final ParsingProperties properties = new ParsingProperties();

	public Parsed parse(Path file, DocumentType type) throws IOException {
		return type.isText() ? segments(file, type) : pdf(file);
	}

	private Parsed pdf(Path file) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		DataOutputStream out = new DataOutputStream(bytes);
		PdfParserMain.parse(file, 1, PageBudget.of(this.properties), out);
		out.flush();
		DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
		int pages = 0;
		String title = "";
		List<Heading> headings = new ArrayList<>();
		List<String> texts = new ArrayList<>();
		LanguageSample sample = new LanguageSample();
		for (Frame frame = ParserFrames.read(in); !(frame instanceof ParserFrames.End); frame = ParserFrames.read(in)) {
			if (frame instanceof PageCount count) {
				pages = count.pages();
			}
			else if (frame instanceof Outline outline) {
				title = outline.title();
				outline.headings().forEach(h -> headings.add(new Heading(h.page(), h.level(), h.title())));
			}
			else if (frame instanceof PageText page) {
				String text = TextCleaner.clean(page.text());
				texts.add(text);
				sample.add(text, page.ocrNeeded());
			}
			else if (frame instanceof PageSkipped) {
				texts.add("");
			}
			else if (frame instanceof Refused refused) {
				throw new IOException(file.getFileName() + " refused: " + refused.reason() + " " + refused.detail());
			}
		}
		return new Parsed(pages, title.isEmpty() ? null : title, headings, texts, sample.language());
	}

	private Parsed segments(Path file, DocumentType type) throws IOException {
		HtmlText.Parsed html = (type == DocumentType.HTML) ? HtmlText.parse(file) : null;
		SegmentHeadings found = SegmentHeadings.of(type, html);
		List<String> texts = new ArrayList<>();
		LanguageSample sample = new LanguageSample();
		long[] start = { 0 };
		try (Reader reader = (html != null) ? new StringReader(html.text()) : PlainText.open(file)) {
			new TextSegmenter(this.properties.getSegmentChars()).split(reader, (segment) -> {
				String text = TextCleaner.clean(segment);
				if (!text.isEmpty()) {
					texts.add(text);
					sample.add(text, false);
					found.scan(texts.size(), start[0], segment, text);
				}
				start[0] += segment.length();
			});
		}
		List<Heading> headings = found.headings().stream()
			.map(h -> new Heading(h.page(), h.level(), h.title()))
			.toList();
		String title = found.title();
		return new Parsed(0, title.isEmpty() ? null : title, headings, texts, sample.language());
	}

}
