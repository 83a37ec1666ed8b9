package io.scriptorium.worker.ocr;

import static io.scriptorium.worker.blobs.ActivityFailures.assertNonRetryable;
import static org.assertj.core.api.Assertions.assertThat;

import io.scriptorium.worker.testing.ScannedPdfs;
import io.scriptorium.worker.testing.ScannedPdfs.Page;
import io.scriptorium.worker.parsing.ParsingTestActivities;
import io.scriptorium.worker.testing.WorkerDatabase;
import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.document.DocumentType;
import io.scriptorium.workflows.failure.ErrorCode;
import io.scriptorium.workflows.ocr.OcrActivities;
import io.scriptorium.workflows.ocr.OcrResult;
import io.scriptorium.workflows.parsing.ParseResult;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.zip.DeflaterOutputStream;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real PDFBox, real Tesseract, real PostgreSQL: PDFs with text pages and scanned pages go through the parser, which
 * marks the scans, and the OCR activity, which reads only those.
 */
class OcrActivitiesIT {

	private static WorkerDatabase database;

	private static ScheduledExecutorService watchdogs;

	private static InstalledLanguages languages;

	private TestActivityEnvironment environment;

	@TempDir
	Path directory;

	@BeforeAll
	static void setUp(@TempDir Path work) throws Exception {
		database = WorkerDatabase.create();
		watchdogs = Executors.newSingleThreadScheduledExecutor();
		languages = new InstalledLanguages(new Tesseract("tesseract").languages(work));
	}

	@AfterAll
	static void tearDown() throws Exception {
		watchdogs.shutdownNow();
		database.close();
	}

	@BeforeEach
	void createEnvironment() {
		this.environment = TestActivityEnvironment.newInstance();
	}

	@AfterEach
	void closeEnvironment() {
		this.environment.close();
	}

	@Test
	void aMixedPdfKeepsTheTextOfItsTextPagesAndGetsOcrOnItsScansOnly() throws Exception {
		DocumentRef document = mixedPdf();
		ParseResult parsed = ParsingTestActivities.extractText(database, document);
		assertThat(parsed.pagesNeedingOcr()).isEqualTo(2);
		assertThat(parsed.pagesWithText()).isEqualTo(2);
		List<String> parsedTexts = database.pageTexts(document);

		OcrResult result = ocr(new OcrProperties()).recognizePages(document, 0, 2);

		assertThat(result).isEqualTo(new OcrResult(2, 2, 0));
		List<String> texts = database.pageTexts(document);
		assertThat(texts).hasSize(5);
		assertThat(texts.get(4)).as("a blank page").isEmpty();
		assertThat(texts.get(0)).isEqualTo(parsedTexts.get(0)).contains("quarterly figures");
		assertThat(texts.get(2)).isEqualTo(parsedTexts.get(2)).contains("own text layer");
		assertThat(flat(texts.get(1))).contains("Scanned letters become searchable text",
				"when the worker reads them with Tesseract.");
		assertThat(flat(texts.get(3))).contains("this scanned page from recognition.");
		assertThat(database.jdbc()
			.sql("SELECT page FROM document_pages WHERE document_id = ? AND ocr_done AND ocr_confidence > 80"
					+ " ORDER BY page")
			.param(document.documentId())
			.query(Integer.class)
			.list()).containsExactly(2, 4);
	}

	@Test
	void aScansLanguageIsToldByWhatOcrReads() throws Exception {
		Path file = ScannedPdfs.write(this.directory.resolve("scan.pdf"),
				List.of(Page.scan("The committee reviewed the annual reports of the agencies and their budgets.",
						"It found that most of the offices had spent less than they were given, and that the",
						"reports of two of them were late. The members asked for an explanation from each of",
						"the offices and for a plan to file the next reports on time."), Page.text()));
		DocumentRef document = database.insertDocument(file, DocumentType.PDF);
		ParsingTestActivities.extractText(database, document);
		assertThat(language(document)).as("before OCR, the default").isEqualTo("simple");

		ocr(new OcrProperties()).recognizePages(document, 0, 1);

		assertThat(language(document)).isEqualTo("english");
	}

	@Test
	void aMixedPdfKeepsTheLanguageOfItsTextLayer() throws Exception {
		DocumentRef document = mixedPdf();
		ParsingTestActivities.extractText(database, document);
		database.jdbc().sql("UPDATE documents SET language = 'german' WHERE id = ?")
			.param(document.documentId())
			.update();

		ocr(new OcrProperties()).recognizePages(document, 0, 2);

		assertThat(language(document)).isEqualTo("german");
	}

	@Test
	void aRetriedBatchLeavesOneTextPerPage() throws Exception {
		DocumentRef document = mixedPdf();
		ParsingTestActivities.extractText(database, document);
		OcrActivities ocr = ocr(new OcrProperties());
		ocr.recognizePages(document, 0, 2);
		List<String> first = database.pageTexts(document);
		// An attempt that recognised the pages but whose completion was lost: the retry reads them again.
		database.jdbc().sql("UPDATE document_pages SET ocr_done = false WHERE document_id = ?")
			.param(document.documentId())
			.update();

		OcrResult again = ocr.recognizePages(document, 0, 2);

		assertThat(again.pages()).isEqualTo(2);
		assertThat(database.pageTexts(document)).hasSize(5).isEqualTo(first);
	}

	@Test
	void moreScannedPagesThanAllowedFailWithTheirCode() throws Exception {
		DocumentRef document = mixedPdf();
		ParsingTestActivities.extractText(database, document);
		OcrProperties properties = new OcrProperties();
		properties.setMaxPages(1);

		assertNonRetryable(() -> ocr(properties).recognizePages(document, 0, 1), ErrorCode.OCR_TOO_MANY_PAGES);
	}

	@Test
	void aLanguageThatIsNotInstalledFailsWithItsCode() throws Exception {
		DocumentRef document = mixedPdf();
		ParsingTestActivities.extractText(database, document);
		database.jdbc().sql("UPDATE documents SET ocr_language = 'deu+xyz' WHERE id = ?")
			.param(document.documentId())
			.update();

		assertNonRetryable(() -> ocr(new OcrProperties()).recognizePages(document, 0, 2),
				ErrorCode.OCR_LANGUAGE_UNKNOWN);
	}

	@Test
	void aPageOverItsTimeFailsWithItsCode() throws Exception {
		DocumentRef document = mixedPdf();
		ParsingTestActivities.extractText(database, document);
		OcrProperties properties = new OcrProperties();
		properties.setPageTimeout(Duration.ofMillis(50));

		assertNonRetryable(() -> ocr(properties).recognizePages(document, 0, 2), ErrorCode.OCR_PAGE_TIMEOUT);
	}

	/**
	 * A 20,000 x 20,000 image (400 MB decoded, 400 KB stored) on a page: PDFBox decodes the stream whole, which ends
	 * the renderer's 256 MB heap (not the worker's), and the document fails with the page's code at once.
	 */
	@Test
	void aDecompressionBombCostsTheRendererItsHeapNotTheWorker() throws Exception {
		Path file = this.directory.resolve("bomb.pdf");
		try (PDDocument pdf = new PDDocument()) {
			PDPage page = new PDPage(PDRectangle.LETTER);
			pdf.addPage(page);
			ByteArrayOutputStream zeros = new ByteArrayOutputStream();
			try (DeflaterOutputStream deflate = new DeflaterOutputStream(zeros)) {
				byte[] row = new byte[20_000];
				for (int y = 0; y < 20_000; y++) {
					deflate.write(row);
				}
			}
			COSStream stream = pdf.getDocument().createCOSStream();
			try (var out = stream.createRawOutputStream()) {
				out.write(zeros.toByteArray());
			}
			stream.setItem(COSName.FILTER, COSName.FLATE_DECODE);
			PDImageXObject image = new PDImageXObject(new org.apache.pdfbox.pdmodel.common.PDStream(stream), null);
			image.setWidth(20_000);
			image.setHeight(20_000);
			image.setBitsPerComponent(8);
			image.setColorSpace(org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray.INSTANCE);
			try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
				content.drawImage(image, 0, 0, PDRectangle.LETTER.getWidth(), PDRectangle.LETTER.getHeight());
			}
			pdf.save(file.toFile());
		}
		assertThat(Files.size(file)).isLessThan(2_000_000);
		DocumentRef document = database.insertDocument(file, DocumentType.PDF);
		assertThat(ParsingTestActivities.extractText(database, document).pagesNeedingOcr()).isEqualTo(1);
		OcrProperties properties = new OcrProperties();
		properties.setRenderHeap(org.springframework.util.unit.DataSize.ofMegabytes(256));

		long start = System.nanoTime();

		assertNonRetryable(() -> ocr(properties).recognizePages(document, 0, 1), ErrorCode.OCR_PAGE_TOO_LARGE);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
	}

	private DocumentRef mixedPdf() throws Exception {
		Path file = ScannedPdfs.write(this.directory.resolve("mixed.pdf"), List.of(
				Page.text("The budget office reviewed the quarterly figures."),
				Page.scan("Scanned letters become searchable text", "when the worker reads them with Tesseract."),
				Page.text("A third page has its own text layer."),
				Page.labelledScan("pdf.js", "The small label above does not hide",
						"this scanned page from recognition."),
				Page.text()));
		return database.insertDocument(file, DocumentType.PDF);
	}

	private OcrActivities ocr(OcrProperties properties) {
		this.environment.registerActivitiesImplementations(new OcrActivitiesImpl(database.blobs(),
				new OcrPages(database.jdbc()), new PageRenderer(properties, watchdogs),
				new Tesseract(properties.getTesseract()), languages, properties));
		return this.environment.newActivityStub(OcrActivities.class,
				ActivityOptions.newBuilder()
					.setStartToCloseTimeout(Duration.ofMinutes(5))
					.setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
					.build());
	}


	private static String language(DocumentRef document) {
		return database.jdbc()
			.sql("SELECT language FROM documents WHERE id = ?")
			.param(document.documentId())
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private static String flat(String text) {
		return text.replaceAll("\\s+", " ");
	}

}
