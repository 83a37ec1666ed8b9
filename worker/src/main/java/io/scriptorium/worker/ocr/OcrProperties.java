package io.scriptorium.worker.ocr;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** OCR: whether this worker reads scans, with which languages, and what a page may cost. */
@ConfigurationProperties("scriptorium.ocr")
public class OcrProperties {

	/**
	 * Whether this worker polls the OCR task queue. Only set it where Tesseract is installed; workers without it
	 * leave scans to the ones with it.
	 */
	private boolean enabled = false;

	/** The Tesseract command. */
	private String tesseract = "tesseract";

	/** Tesseract's languages for a document that names none at upload, e.g. {@code eng} or {@code deu+eng}. */
	private String defaultLanguage = "eng";

	/** The resolution pages are rendered at for Tesseract, in grey. */
	private int dpi = 300;

	/**
	 * The most pixels a rendered page may have; a larger page (a poster, a hostile 200-inch page) is rendered at the
	 * resolution that fits. 300 dpi A4 is 8.7 million.
	 */
	private long maxPixels = 40_000_000;

	/** The most pages of one document that OCR reads; a document with more fails OCR_TOO_MANY_PAGES. */
	private int maxPages = 500;

	/** How long rendering and recognising one page may take; longer fails the document OCR_PAGE_TIMEOUT. */
	private Duration pageTimeout = Duration.ofMinutes(2);

	/** The renderer process's heap: a page whose images need more fails OCR_PAGE_TOO_LARGE. */
	private DataSize renderHeap = DataSize.ofMegabytes(768);

	/**
	 * Pages recognised at once by this worker (one Tesseract process each, on one core each); 0: one per core.
	 */
	private int processes = 0;

	/** A page whose words' mean confidence (0-100) is under this makes the document warn OCR_LOW_CONFIDENCE. */
	private double lowConfidence = 60;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getTesseract() {
		return this.tesseract;
	}

	public void setTesseract(String tesseract) {
		this.tesseract = tesseract;
	}

	public String getDefaultLanguage() {
		return this.defaultLanguage;
	}

	public void setDefaultLanguage(String defaultLanguage) {
		this.defaultLanguage = defaultLanguage;
	}

	public int getDpi() {
		return this.dpi;
	}

	public void setDpi(int dpi) {
		this.dpi = dpi;
	}

	public long getMaxPixels() {
		return this.maxPixels;
	}

	public void setMaxPixels(long maxPixels) {
		this.maxPixels = maxPixels;
	}

	public int getMaxPages() {
		return this.maxPages;
	}

	public void setMaxPages(int maxPages) {
		this.maxPages = maxPages;
	}

	public Duration getPageTimeout() {
		return this.pageTimeout;
	}

	public void setPageTimeout(Duration pageTimeout) {
		this.pageTimeout = pageTimeout;
	}

	public DataSize getRenderHeap() {
		return this.renderHeap;
	}

	public void setRenderHeap(DataSize renderHeap) {
		this.renderHeap = renderHeap;
	}

	public int getProcesses() {
		return this.processes;
	}

	public void setProcesses(int processes) {
		this.processes = processes;
	}

	/** {@link #getProcesses()}, with 0 resolved to the cores this JVM sees. */
	int parallelPages() {
		return (this.processes > 0) ? this.processes : Runtime.getRuntime().availableProcessors();
	}

	public double getLowConfidence() {
		return this.lowConfidence;
	}

	public void setLowConfidence(double lowConfidence) {
		this.lowConfidence = lowConfidence;
	}

}
