package io.scriptorium.worker.parsing;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Text extraction limits. */
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

}
