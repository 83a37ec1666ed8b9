package io.scriptorium.worker.conversion;

import static io.scriptorium.worker.blobs.ActivityFailures.assertNonRetryable;
import static org.assertj.core.api.Assertions.assertThat;

import io.scriptorium.worker.conversion.HostileOfficeFiles.Hostile;
import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.document.DocumentType;
import io.scriptorium.workflows.document.FileFormat;
import io.scriptorium.workflows.failure.ErrorCode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The rewrite alone, without LibreOffice: what it takes out, what it keeps, what it refuses. */
class OfficeFileRewriterTest {

	private static final String URL = "http://127.0.0.1:1";

	private static final long MAX_UNZIPPED_BYTES = 1024 * 1024;

	@TempDir
	static Path directory;

	private final OfficeFileRewriter rewriter = new OfficeFileRewriter(MAX_UNZIPPED_BYTES);

	static Stream<Hostile> linking() {
		return new HostileOfficeFiles(directory, URL, directory.resolve("picture.png")).linking().stream();
	}

	@ParameterizedTest
	@MethodSource("linking")
	void rewrittenFileReferencesNothingOutsideItselfAndKeepsCachedResults(Hostile hostile) throws Exception {
		Path rewritten = directory.resolve("rewritten-" + hostile.name());

		this.rewriter.rewrite(ref(hostile.file(), hostile.type()), FileFormat.of(hostile.file()), hostile.file(),
				rewritten);

		String text = text(rewritten, hostile.type());
		assertThat(text).doesNotContain(URL).doesNotContain(directory.resolve("picture.png").toUri().toString())
			.doesNotContain("altChunk").doesNotContainIgnoringCase("INCLUDEPICTURE")
			.doesNotContainIgnoringCase("INCLUDETEXT");
		if (hostile.keptText() != null) {
			assertThat(text).contains(hostile.keptText());
		}
	}

	@Test
	void internalReferencesAndHyperlinksStay() {
		assertThat(XmlPartFilter.isExternal("Pictures/100000000000.png")).isFalse();
		assertThat(XmlPartFilter.isExternal("./Object 1")).isFalse();
		assertThat(XmlPartFilter.isExternal("#bookmark")).isFalse();
		assertThat(XmlPartFilter.isExternal("../secret.png")).isTrue();
		assertThat(XmlPartFilter.isExternal("file:///etc/passwd")).isTrue();
		assertThat(XmlPartFilter.isExternal("/etc/passwd")).isTrue();
		assertThat(XmlPartFilter.isExternal("\\\\server\\share\\x.png")).isTrue();
		assertThat(XmlPartFilter.isExternal("Pictures/%2e%2e/%2e%2e/x")).isTrue();
		assertThat(XmlPartFilter.isExternal("vnd.sun.star.script:Standard.Module1.Main")).isTrue();
	}

	@Test
	void zipExpandingBeyondTheLimitFailsWithDocumentTooLarge() throws Exception {
		Path bomb = directory.resolve("bomb.docx");
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bomb))) {
			zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
			zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
			zip.write(new byte[(int) (2 * MAX_UNZIPPED_BYTES)]);
		}
		assertNonRetryable(() -> this.rewriter.rewrite(ref(bomb, DocumentType.DOCX), FileFormat.ZIP, bomb,
				directory.resolve("out")),
				ErrorCode.DOCUMENT_TOO_LARGE);
	}

	@Test
	void refusedFilesFailWithTheirCode() {
		HostileOfficeFiles files = new HostileOfficeFiles(directory, URL, directory.resolve("picture.png"));
		for (Hostile hostile : files.refused(MAX_UNZIPPED_BYTES)) {
			if (hostile.type() == DocumentType.DOCX) {
				assertNonRetryable(() -> this.rewriter.rewrite(ref(hostile.file(), hostile.type()), FileFormat.ZIP,
						hostile.file(), directory.resolve("out-" + hostile.name())),
						ErrorCode.valueOf(hostile.expectedCode()));
			}
		}
	}

	/** Every part's text, one after the other (the RTF as it is). */
	private static String text(Path file, DocumentType type) throws Exception {
		if (type == DocumentType.RTF) {
			return Files.readString(file, StandardCharsets.ISO_8859_1);
		}
		StringBuilder text = new StringBuilder();
		try (ZipFile zip = new ZipFile(file.toFile())) {
			Enumeration<? extends ZipEntry> entries = zip.entries();
			while (entries.hasMoreElements()) {
				try (InputStream in = zip.getInputStream(entries.nextElement())) {
					text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
				}
			}
		}
		return text.toString();
	}

	private static DocumentRef ref(Path file, DocumentType type) {
		return new DocumentRef(UUID.randomUUID(), file.getFileName().toString(), type);
	}

}
