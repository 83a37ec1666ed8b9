package io.scriptorium.worker.conversion;

import static io.scriptorium.worker.blobs.ActivityFailures.assertNonRetryable;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.scriptorium.worker.blobs.BlobKind;
import io.scriptorium.worker.testing.WorkerDatabase;
import io.scriptorium.worker.conversion.HostileOfficeFiles.Hostile;
import io.scriptorium.workflows.conversion.ConversionActivities;
import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.failure.ErrorCode;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jodconverter.core.document.DefaultDocumentFormatRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.util.FileSystemUtils;

/**
 * Documents that try to make LibreOffice fetch URLs or read local files, converted by real LibreOffice while an HTTP
 * listener on loopback records every request it gets: it must get none, and no converted PDF may hold a picture
 * (the files embed none, so a picture could only be the linked one). Each defence is shown on its own: the
 * conversion activity (rewrite, then the locked-down LibreOffice), and the locked-down LibreOffice alone on the
 * files as they were uploaded.
 */
class HostileOfficeFilesIT {

	private static final long MAX_UNZIPPED_BYTES = 64L * 1024 * 1024;

	/** The side of the picture the files link to (served and local). */
	private static final int PICTURE_SIZE = 77;

	private static WorkerDatabase database;

	private static OfficeConverter converter;

	private static ConversionProperties properties;

	private static HttpServer listener;

	private static final List<String> requests = new CopyOnWriteArrayList<>();

	private static Path directory;

	private static HostileOfficeFiles files;

	private TestActivityEnvironment environment;

	private ConversionActivitiesImpl implementation;

	private ConversionActivities activities;

	@BeforeAll
	static void start() throws Exception {
		directory = Files.createTempDirectory("hostile-office-");
		listener = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		byte[] png = png(directory.resolve("served.png"));
		listener.createContext("/", (exchange) -> {
			requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
			exchange.sendResponseHeaders(200, png.length);
			exchange.getResponseBody().write(png);
			exchange.close();
		});
		listener.start();
		Path picture = directory.resolve("local-secret.png");
		png(picture);
		files = new HostileOfficeFiles(directory,
				"http://127.0.0.1:" + listener.getAddress().getPort(), picture);
		database = WorkerDatabase.create();
		properties = new ConversionProperties();
		converter = new OfficeConverter(properties);
	}

	@AfterAll
	static void stop() throws Exception {
		converter.destroy();
		database.close();
		listener.stop(0);
		FileSystemUtils.deleteRecursively(directory);
	}

	@BeforeEach
	void createEnvironment() {
		this.environment = TestActivityEnvironment.newInstance();
		this.implementation = new ConversionActivitiesImpl(database.blobs(), new OfficeFileInspector(),
				new OfficeFileRewriter(MAX_UNZIPPED_BYTES), converter, properties);
		this.environment.registerActivitiesImplementations(this.implementation);
		this.activities = this.environment.newActivityStub(ConversionActivities.class,
				ActivityOptions.newBuilder()
					.setStartToCloseTimeout(Duration.ofMinutes(5))
					.setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
					.build());
	}

	@AfterEach
	void closeEnvironment() {
		this.environment.close();
		this.implementation.destroy();
	}

	static Stream<Hostile> linking() {
		return files.linking().stream();
	}

	static Stream<Hostile> refused() {
		return files.refused(MAX_UNZIPPED_BYTES).stream();
	}

	@ParameterizedTest
	@MethodSource("linking")
	void linkingFileConvertsWithoutReachingAnythingAndKeepsCachedResults(Hostile hostile) throws Exception {
		DocumentRef document = database.insertDocument(hostile.file(), hostile.type());

		this.activities.convertToPdf(document);

		Path pdf = directory.resolve(hostile.name() + ".pdf");
		database.blobs().copyTo(document, BlobKind.PDF, pdf);
		assertNothingFetched(hostile, pdf);
		if (hostile.keptText() != null) {
			try (PDDocument converted = Loader.loadPDF(pdf.toFile())) {
				assertThat(new PDFTextStripper().getText(converted)).contains(hostile.keptText());
			}
		}
	}

	/**
	 * LibreOffice's own settings keep it off the network, and off the local files that pictures and frames link;
	 * an RTF INCLUDEPICTURE of a local file it still reads: only the rewrite stops that one.
	 */
	private static final Set<String> LOCAL_READS_ONLY_THE_REWRITE_STOPS = Set.of("rtf-includepicture-file.rtf");

	@ParameterizedTest
	@MethodSource("linking")
	void lockedDownLibreOfficeAloneReachesNoNetworkEither(Hostile hostile) throws Exception {
		Path pdf = directory.resolve(hostile.name() + ".unrewritten.pdf");

		converter.convertToPdf(hostile.file(),
				DefaultDocumentFormatRegistry.getFormatByExtension(hostile.type().extension()), pdf);

		if (LOCAL_READS_ONLY_THE_REWRITE_STOPS.contains(hostile.name())) {
			assertThat(requests).as("requests the listener got while %s was converted", hostile).isEmpty();
		}
		else {
			assertNothingFetched(hostile, pdf);
		}
	}

	@ParameterizedTest
	@MethodSource("refused")
	void hostileContainerFailsWithItsCodeBeforeLibreOffice(Hostile hostile) throws Exception {
		DocumentRef document = database.insertDocument(hostile.file(), hostile.type());

		assertNonRetryable(() -> this.activities.convertToPdf(document), ErrorCode.valueOf(hostile.expectedCode()));

		assertThat(requests).as("requests after %s", hostile).isEmpty();
		assertThat(Path.of("/tmp/scriptorium-zip-slip.txt")).doesNotExist();
	}

	private static void assertNothingFetched(Hostile hostile, Path pdf) throws IOException {
		assertThat(requests).as("requests the listener got while %s was converted", hostile).isEmpty();
		try (PDDocument converted = Loader.loadPDF(pdf.toFile())) {
			assertThat(converted.getNumberOfPages()).isPositive();
			for (PDPage page : converted.getPages()) {
				assertThat(images(page.getResources(), 0)).as("linked pictures in the PDF of %s", hostile).isZero();
			}
		}
	}

	/** The linked picture's copies in a page's resources, forms' included. */
	private static int images(PDResources resources, int depth) throws IOException {
		if (resources == null || depth > 8) {
			return 0;
		}
		int images = 0;
		for (COSName name : resources.getXObjectNames()) {
			PDXObject object = resources.getXObject(name);
			// LibreOffice draws a 32 x 32 icon for an empty frame; the linked picture is PICTURE_SIZE square.
			if (object instanceof PDImageXObject image && image.getWidth() == PICTURE_SIZE
					&& image.getHeight() == PICTURE_SIZE) {
				images++;
			}
			else if (object instanceof PDFormXObject form) {
				images += images(form.getResources(), depth + 1);
			}
		}
		return images;
	}

	private static byte[] png(Path file) throws IOException {
		BufferedImage image = new BufferedImage(PICTURE_SIZE, PICTURE_SIZE, BufferedImage.TYPE_INT_RGB);
		image.setRGB(10, 10, 0xFF0000);
		ImageIO.write(image, "png", file.toFile());
		return Files.readAllBytes(file);
	}

}
