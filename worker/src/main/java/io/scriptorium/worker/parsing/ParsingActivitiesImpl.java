package io.scriptorium.worker.parsing;

import io.scriptorium.worker.blobs.BlobKind;
import io.scriptorium.worker.blobs.DocumentBlobs;
import io.scriptorium.worker.chunking.DocumentChunker;
import io.scriptorium.worker.shutdown.Heartbeats;
import io.scriptorium.workflows.TaskQueues;
import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.document.DocumentType;
import io.scriptorium.workflows.parsing.ParseResult;
import io.scriptorium.workflows.parsing.ParsingActivities;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.spring.boot.ActivityImpl;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Extracts a document's text into {@code document_pages}: a PDF (the original, or the one the conversion made) page
 * by page, a text format as numbered segments. For a PDF, {@code pages} is its page count; text formats have no
 * pages, so it is 0 and {@code pagesWithText} counts the segments.
 */
@Component("parsingActivities")
@ActivityImpl(taskQueues = TaskQueues.INGESTION)
class ParsingActivitiesImpl implements ParsingActivities {

	private static final Logger logger = LoggerFactory.getLogger(ParsingActivitiesImpl.class);

	private final DocumentBlobs blobs;

	private final DocumentPages pages;

	private final ParsingProperties properties;

	private final PdfTextExtractor pdfText;

	private final DocumentChunker chunker;

	ParsingActivitiesImpl(DocumentBlobs blobs, DocumentPages pages, ParsingProperties properties,
			PdfTextExtractor pdfText, DocumentChunker chunker) {
		this.blobs = blobs;
		this.pages = pages;
		this.properties = properties;
		this.pdfText = pdfText;
		this.chunker = chunker;
	}

	@Override
	public ParseResult extractAndChunkText(DocumentRef document) {
		ParseResult parsed = extractText(document);
		if (parsed.pagesNeedingOcr() > 0 || parsed.pagesWithText() == 0) {
			return parsed;
		}
		ActivityExecutionContext context = Activity.getExecutionContext();
		// A retry resumes parsing after the last page heartbeated: all of them, once chunking has begun.
		int pagesParsed = parsed.pages();
		return parsed.withChunks(this.chunker.chunk(document, () -> Heartbeats.send(context, pagesParsed)));
	}

	@Override
	public ParseResult extractText(DocumentRef document) {
		ActivityExecutionContext context = Activity.getExecutionContext();
		long start = System.nanoTime();
		Path file = null;
		try {
			file = Files.createTempFile("scriptorium-parse-", "." + document.type().extension());
			BlobKind kind = BlobKind.readBy(document.type());
			this.blobs.copyTo(document, kind, file);
			ParseResult result = (document.type().isText()) ? extractSegments(document, file, context)
					: extractPdfPages(document, file, context);
			logger.info("Extracted {} characters from {} ({}, {} pages, {} with text) in {} ms", result.characters(),
					document.documentId(), document.type(), result.pages(), result.pagesWithText(),
					(System.nanoTime() - start) / 1_000_000);
			return result;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			deleteQuietly(file);
		}
	}

	private ParseResult extractPdfPages(DocumentRef document, Path file, ActivityExecutionContext context)
			throws IOException {
		// Pages up to the last one an earlier attempt heartbeated are already stored: resume after it.
		int resumeAfter = context.getHeartbeatDetails(Integer.class).orElse(0);
		PageWriter writer = new PageWriter(this.pages, document, this.properties.getBatchPages(), context,
				resumeAfter);
		PdfTextExtractor.Extraction extraction = this.pdfText.extract(document, file, resumeAfter + 1, writer);
		DocumentPages.Totals totals = writer.finish();
		return new ParseResult(extraction.pages(), totals.pagesWithText(), totals.characters(),
				extraction.skippedPages(), totals.pagesNeedingOcr());
	}

	private ParseResult extractSegments(DocumentRef document, Path file, ActivityExecutionContext context)
			throws IOException {
		PageWriter writer = new PageWriter(this.pages, document, this.properties.getBatchPages(), context, 0);
		HtmlText.Parsed html = (document.type() == DocumentType.HTML) ? HtmlText.parse(file) : null;
		SegmentHeadings headings = SegmentHeadings.of(document.type(), html);
		long[] start = { 0 };
		try (Reader reader = (html != null) ? new StringReader(html.text()) : PlainText.open(file)) {
			new TextSegmenter(this.properties.getSegmentChars()).split(reader, (segment) -> {
				String text = TextCleaner.clean(segment);
				if (!text.isEmpty()) {
					headings.scan(writer.add(text), start[0], segment, text);
				}
				start[0] += segment.length();
			});
		}
		writer.outline(headings.title(), headings.headings());
		DocumentPages.Totals totals = writer.finish();
		return new ParseResult(0, totals.pagesWithText(), totals.characters(), 0, 0);
	}

	private static void deleteQuietly(Path file) {
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				logger.warn("Could not delete {}", file, ex);
			}
		}
	}

}
