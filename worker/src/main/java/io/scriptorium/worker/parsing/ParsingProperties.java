package io.scriptorium.worker.parsing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Text extraction limits. PDFs are parsed in processes of their own (see PdfTextExtractor), held to a heap, a time
 * per page and a budget of work per page, so that a hostile file costs at most that.
 */
@ConfigurationProperties("scriptorium.parsing")
public class ParsingProperties {

	/** PDFs with more pages fail TOO_MANY_PAGES instead of occupying a worker for an hour. */
	private int maxPages = 2000;

	/**
	 * Text formats (TXT, MD, HTML) have no pages: they are stored as consecutive segments of at most this many
	 * characters, cut at a paragraph or line break where there is one.
	 */
	private int segmentChars = 32_000;

	/** How many pages are written to the database in one batch (and one heartbeat records progress). */
	private int batchPages = 25;

	/** The heap of each PDF parser process; a PDF that needs more fails DOCUMENT_TOO_COMPLEX (or loses the page). */
	private DataSize processHeap = DataSize.ofMegabytes(256);

	/**
	 * Parser processes kept waiting for the next document, each with its JVM started and its code compiled: one per
	 * document the worker parses at once (its ingestion activity slots, 4 by default) keeps every document off a
	 * cold start. Each costs its memory while it waits (some 100 MB, up to the heap after a large document).
	 */
	private int idleProcesses = 4;

	/** How long the parser may work on one page (or on opening the file) before it is killed and the page skipped. */
	private Duration pageTimeout = Duration.ofSeconds(20);

	/**
	 * How long one document's parsing may take in all; past it the parser is killed and the document fails
	 * DOCUMENT_TOO_COMPLEX. Keep it below the parse activity's start-to-close timeout (15 min), so that the file, not
	 * a timeout, is named.
	 */
	private Duration documentTimeout = Duration.ofMinutes(10);

	/** Pages over a limit that are skipped (with the warning PAGES_SKIPPED); one more fails DOCUMENT_TOO_COMPLEX. */
	private int maxSkippedPages = 3;

	/** Content-stream operators per page, those of the form XObjects it draws included. */
	private long maxOperatorsPerPage = 2_000_000;

	/** Glyphs shown per page. */
	private long maxGlyphsPerPage = 500_000;

	/** Nested graphics states ({@code q} without {@code Q}) per page; the PDF specification suggests 28. */
	private int maxGraphicsDepth = 1_000;

	/** Decoded content streams per page (its own and those of the forms it draws); a dense page has some 100 KB. */
	private DataSize maxContentPerPage = DataSize.ofMegabytes(64);

	public int getMaxPages() {
		return this.maxPages;
	}

	public void setMaxPages(int maxPages) {
		this.maxPages = maxPages;
	}

	public int getSegmentChars() {
		return this.segmentChars;
	}

	public void setSegmentChars(int segmentChars) {
		this.segmentChars = segmentChars;
	}

	public int getBatchPages() {
		return this.batchPages;
	}

	public void setBatchPages(int batchPages) {
		this.batchPages = batchPages;
	}

	public DataSize getProcessHeap() {
		return this.processHeap;
	}

	public void setProcessHeap(DataSize processHeap) {
		this.processHeap = processHeap;
	}

	public int getIdleProcesses() {
		return this.idleProcesses;
	}

	public void setIdleProcesses(int idleProcesses) {
		this.idleProcesses = idleProcesses;
	}

	public Duration getPageTimeout() {
		return this.pageTimeout;
	}

	public void setPageTimeout(Duration pageTimeout) {
		this.pageTimeout = pageTimeout;
	}

	public int getMaxSkippedPages() {
		return this.maxSkippedPages;
	}

	public void setMaxSkippedPages(int maxSkippedPages) {
		this.maxSkippedPages = maxSkippedPages;
	}

	public long getMaxOperatorsPerPage() {
		return this.maxOperatorsPerPage;
	}

	public void setMaxOperatorsPerPage(long maxOperatorsPerPage) {
		this.maxOperatorsPerPage = maxOperatorsPerPage;
	}

	public long getMaxGlyphsPerPage() {
		return this.maxGlyphsPerPage;
	}

	public void setMaxGlyphsPerPage(long maxGlyphsPerPage) {
		this.maxGlyphsPerPage = maxGlyphsPerPage;
	}

	public int getMaxGraphicsDepth() {
		return this.maxGraphicsDepth;
	}

	public void setMaxGraphicsDepth(int maxGraphicsDepth) {
		this.maxGraphicsDepth = maxGraphicsDepth;
	}

	public DataSize getMaxContentPerPage() {
		return this.maxContentPerPage;
	}

	public void setMaxContentPerPage(DataSize maxContentPerPage) {
		this.maxContentPerPage = maxContentPerPage;
	}

	public Duration getDocumentTimeout() {
		return this.documentTimeout;
	}

	public void setDocumentTimeout(Duration documentTimeout) {
		this.documentTimeout = documentTimeout;
	}

}
