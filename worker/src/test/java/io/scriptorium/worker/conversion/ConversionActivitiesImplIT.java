package io.scriptorium.worker.conversion;

import static io.scriptorium.worker.blobs.ActivityFailures.assertNonRetryable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scriptorium.worker.blobs.BlobKind;
import io.scriptorium.workflows.testing.Corpus;
import io.scriptorium.worker.testing.WorkerDatabase;
import io.scriptorium.workflows.conversion.ConversionActivities;
import io.scriptorium.workflows.conversion.ConversionResult;
import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.document.DocumentType;
import io.scriptorium.workflows.failure.ErrorCode;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Real LibreOffice (soffice on this machine) over the corpus's office files, real PostgreSQL. */
class ConversionActivitiesImplIT {

	private static final long MAX_UNZIPPED_BYTES = 64L * 1024 * 1024;

	private static WorkerDatabase database;

	private static OfficeConverter converter;

	private static ConversionProperties properties;

	private TestActivityEnvironment environment;

	private ConversionActivitiesImpl implementation;

	private ConversionActivities activities;

	private final List<String> heartbeats = new CopyOnWriteArrayList<>();

	@TempDir
	Path directory;

	@BeforeAll
	static void startOffice() throws Exception {
		database = WorkerDatabase.create();
		properties = new ConversionProperties();
		properties.setHeartbeatInterval(Duration.ofMillis(200));
		converter = new OfficeConverter(properties);
	}

	@AfterAll
	static void stopOffice() throws Exception {
		converter.destroy();
		database.close();
	}

	@BeforeEach
	void createEnvironment() {
		this.environment = TestActivityEnvironment.newInstance();
		this.implementation = new ConversionActivitiesImpl(database.blobs(),
				new OfficeFileInspector(), new OfficeFileRewriter(MAX_UNZIPPED_BYTES), converter, properties);
		this.environment.registerActivitiesImplementations(this.implementation);
		this.environment.setActivityHeartbeatListener(String.class, this.heartbeats::add);
		this.activities = this.environment.newActivityStub(ConversionActivities.class,
				ActivityOptions.newBuilder()
					.setStartToCloseTimeout(Duration.ofMinutes(5))
					// Short, so the SDK's throttling (80% of it) lets several heartbeats through.
					.setHeartbeatTimeout(Duration.ofSeconds(2))
					.setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
					.build());
	}

	@AfterEach
	void closeEnvironment() {
		this.environment.close();
		this.implementation.destroy();
	}

	static Stream<Corpus.Entry> officeFiles() {
		return Corpus.entries(Set.of("docx", "doc", "odt", "rtf", "pptx"));
	}

	@ParameterizedTest
	@MethodSource("officeFiles")
	void corpusOfficeFileEndsAsTheManifestExpects(Corpus.Entry entry) throws Exception {
		DocumentRef document = database.insertDocument(entry.path(),
				DocumentType.fromFilename(entry.file()).orElseThrow());
		switch (entry.expectation()) {
			case "ok" -> {
				long start = System.nanoTime();
				ConversionResult result = this.activities.convertToPdf(document);
				long millis = (System.nanoTime() - start) / 1_000_000;
				System.out.printf("%s: %d ms, %d heartbeats%n", entry.file(), millis, this.heartbeats.size());
				assertThat(this.heartbeats).isNotEmpty();
				if (millis > 5_000) {
					assertThat(this.heartbeats).hasSizeGreaterThan(2);
				}
				Path pdf = this.directory.resolve("converted.pdf");
				assertThat(database.blobs().copyTo(document, BlobKind.PDF, pdf)).isEqualTo(result.pdfBytes());
				try (PDDocument converted = Loader.loadPDF(pdf.toFile())) {
					assertThat(converted.getNumberOfPages()).isPositive();
					assertThat(new PDFTextStripper().getText(converted)).isNotBlank();
				}
			}
			case "reject-encrypted" -> assertNonRetryable(() -> this.activities.convertToPdf(document),
					ErrorCode.ENCRYPTED_DOCUMENT);
			case "reject-corrupt" -> assertNonRetryable(() -> this.activities.convertToPdf(document),
					ErrorCode.CORRUPT_DOCUMENT);
			case "reject-type" -> assertNonRetryable(() -> this.activities.convertToPdf(document),
					ErrorCode.UNSUPPORTED_TYPE);
			case "reject-empty" -> assertNonRetryable(() -> this.activities.convertToPdf(document),
					ErrorCode.EMPTY_DOCUMENT);
			default -> throw new IllegalArgumentException("Unknown expectation " + entry.expectation());
		}
	}

	@Test
	void zipBombNamedDocxFailsWithDocumentTooLarge() throws Exception {
		Path bomb = this.directory.resolve("bomb.docx");
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bomb))) {
			zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
			zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
			zip.putNextEntry(new ZipEntry("word/document.xml"));
			writeZeros(zip, 2 * MAX_UNZIPPED_BYTES);
		}
		assertThat(Files.size(bomb)).isLessThan(1024 * 1024);
		DocumentRef document = database.insertDocument(bomb, DocumentType.DOCX);

		assertNonRetryable(() -> this.activities.convertToPdf(document), ErrorCode.DOCUMENT_TOO_LARGE);
		assertThat(pdfBlobs(document)).isZero();
	}

	@Test
	void convertingTwiceKeepsOnePdfBlob() throws Exception {
		DocumentRef document = database.insertDocument(Corpus.file("odt-text-and-table-unstructured.odt"),
				DocumentType.ODT);

		ConversionResult first = this.activities.convertToPdf(document);
		ConversionResult second = this.activities.convertToPdf(document);

		assertThat(second.pdfBytes()).isPositive();
		assertThat(first.pdfBytes()).isPositive();
		assertThat(pdfBlobs(document)).isEqualTo(1);
	}

	@Test
	void fileLibreOfficeCannotOpenFailsWithCorruptDocument() throws Exception {
		// A valid container with garbage inside passes the cheap checks; LibreOffice's loader rejects it.
		Path docx = this.directory.resolve("garbage.docx");
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(docx))) {
			zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
			zip.write("not xml at all".getBytes(StandardCharsets.UTF_8));
		}
		DocumentRef document = database.insertDocument(docx, DocumentType.DOCX);

		assertNonRetryable(() -> this.activities.convertToPdf(document), ErrorCode.CORRUPT_DOCUMENT);
	}

	/** Runs the activity under Temporal's retries (the test server's), as the ingestion workflow does. */
	@WorkflowInterface
	public interface ConvertWorkflow {

		@WorkflowMethod
		void convert(DocumentRef document);

	}

	public static class ConvertWorkflowImpl implements ConvertWorkflow {

		private final ConversionActivities conversion = Workflow.newActivityStub(ConversionActivities.class,
				ActivityOptions.newBuilder()
					.setStartToCloseTimeout(Duration.ofMinutes(5))
					.setRetryOptions(RetryOptions.newBuilder()
						.setInitialInterval(Duration.ofMillis(100))
						.setMaximumAttempts(5)
						.build())
					.build());

		@Override
		public void convert(DocumentRef document) {
			this.conversion.convertToPdf(document);
		}

	}

	@Test
	void conversionThatTimesOutTwiceFailsWithDocumentTooComplexAfterTwoAttempts() throws Exception {
		ConversionProperties impatient = new ConversionProperties();
		impatient.setTaskTimeout(Duration.ofMillis(300));
		OfficeConverter impatientConverter = new OfficeConverter(impatient);
		List<Integer> attempts = new CopyOnWriteArrayList<>();
		try (TestWorkflowEnvironment temporal = TestWorkflowEnvironment.newInstance()) {
			Worker worker = temporal.newWorker("conversion");
			worker.registerWorkflowImplementationTypes(ConvertWorkflowImpl.class);
			worker.registerActivitiesImplementations(new ConversionActivitiesImpl(database.blobs(),
					new OfficeFileInspector(), new OfficeFileRewriter(MAX_UNZIPPED_BYTES), impatientConverter,
					impatient) {

				@Override
				public ConversionResult convertToPdf(DocumentRef document) {
					attempts.add(Activity.getExecutionContext().getInfo().getAttempt());
					return super.convertToPdf(document);
				}

			});
			temporal.start();
			DocumentRef document = database.insertDocument(
					Corpus.file("docx-large-125k-words-us-trustee-handbook-unstructured.docx"), DocumentType.DOCX);
			ConvertWorkflow workflow = temporal.getWorkflowClient()
				.newWorkflowStub(ConvertWorkflow.class, WorkflowOptions.newBuilder().setTaskQueue("conversion").build());

			assertThatThrownBy(() -> workflow.convert(document)).isInstanceOf(WorkflowFailedException.class)
				.rootCause()
				.isInstanceOfSatisfying(ApplicationFailure.class, (failure) -> assertThat(failure.getType())
					.isEqualTo(ErrorCode.DOCUMENT_TOO_COMPLEX.name()));
			assertThat(attempts).containsExactly(1, 2);
		}
		finally {
			impatientConverter.destroy();
		}
	}

	private static long pdfBlobs(DocumentRef document) {
		return database.jdbc()
			.sql("SELECT count(*) FROM document_blobs WHERE document_id = ? AND kind = 'PDF'")
			.param(document.documentId())
			.query(Long.class)
			.single();
	}

	private static void writeZeros(OutputStream out, long count) throws Exception {
		byte[] zeros = new byte[1024 * 1024];
		for (long written = 0; written < count; written += zeros.length) {
			out.write(zeros);
		}
	}

}
