package io.scriptorium.api.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.scriptorium.workflows.document.DocumentType;
import io.scriptorium.workflows.failure.ErrorCode;
import io.scriptorium.workflows.testing.Corpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.util.unit.DataSize;

/** The checks at the door, over the corpus and made-up files; the type rule itself is FileFormatTest's. */
class FileInspectorTest {


	private static final byte[] CFB = { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
			(byte) 0xE1, 0, 0, 0, 0 };

	private final FileInspector inspector = new FileInspector(new UploadProperties());

	static Stream<Corpus.Entry> corpus() {
		return Corpus.entries().stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpus")
	void corpusFileMeetsItsManifestExpectationAtTheDoor(Corpus.Entry entry) throws Exception {
		FileSystemResource file = new FileSystemResource(entry.path());
		switch (entry.expectation()) {
			case "reject-type" -> assertRejected(entry, file, ErrorCode.UNSUPPORTED_TYPE);
			case "reject-empty" -> assertRejected(entry, file, ErrorCode.EMPTY_DOCUMENT);
			// A password-protected DOCX is a compound file holding an EncryptedPackage: refused at the door. An
			// encrypted PDF looks like any PDF here; the worker fails it.
			case "reject-encrypted" -> {
				if (entry.file().endsWith(".docx")) {
					assertRejected(entry, file, ErrorCode.ENCRYPTED_DOCUMENT);
				}
				else {
					assertAccepted(entry, file);
				}
			}
			default -> assertAccepted(entry, file);
		}
	}

	@Test
	void corpusCoversEveryExpectation() {
		assertThat(Corpus.entries()).extracting(Corpus.Entry::expectation)
			.contains("ok", "ok-no-text", "reject-corrupt", "reject-encrypted", "reject-empty", "reject-type");
	}

	private void assertAccepted(Corpus.Entry entry, FileSystemResource file) throws Exception {
		InspectedFile inspected = this.inspector.inspect(entry.file(), file, Files.size(entry.path()));
		assertThat(inspected.type()).isEqualTo(DocumentType.fromFilename(entry.file()).orElseThrow());
		assertThat(inspected.sizeBytes()).isEqualTo(Files.size(entry.path()));
		assertThat(inspected.sha256()).hasSize(64).matches("[0-9a-f]+");
	}

	private void assertRejected(Corpus.Entry entry, FileSystemResource file, ErrorCode code) throws Exception {
		long size = Files.size(entry.path());
		assertThatExceptionOfType(UploadRejectedException.class)
			.isThrownBy(() -> this.inspector.inspect(entry.file(), file, size))
			.satisfies(ex -> assertThat(ex.code()).isEqualTo(code));
	}

	@Test
	void emptyFileIsRejectedAsEmptyDocument() {
		assertThatExceptionOfType(UploadRejectedException.class)
			.isThrownBy(() -> this.inspector.inspect("empty.pdf", new ByteArrayResource(new byte[0]), 0))
			.satisfies(ex -> assertThat(ex.code()).isEqualTo(ErrorCode.EMPTY_DOCUMENT));
	}

	@Test
	void fileOverTheLimitIsRejectedAsTooLargeBeforeItIsRead() {
		UploadProperties properties = new UploadProperties();
		properties.setMaxSize(DataSize.ofBytes(10));
		byte[] content = ascii("%PDF-1.7 and more than ten bytes");
		assertThatExceptionOfType(UploadRejectedException.class)
			.isThrownBy(() -> new FileInspector(properties).inspect("big.pdf", new ByteArrayResource(content),
					content.length))
			.satisfies(ex -> assertThat(ex.code()).isEqualTo(ErrorCode.DOCUMENT_TOO_LARGE));
	}

	@Test
	void compoundDocxWithoutEncryptedPackageIsAccepted() {
		byte[] content = Arrays.copyOf(CFB, 100_000);
		InspectedFile inspected = this.inspector.inspect("odd.docx", new ByteArrayResource(content), content.length);
		assertThat(inspected.type()).isEqualTo(DocumentType.DOCX);
	}

	@Test
	void sha256IsTheHexDigestOfTheWholeFile() throws Exception {
		byte[] content = Arrays.copyOf(ascii("%PDF-1.7 "), 200_000);
		String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		InspectedFile inspected = this.inspector.inspect("a.pdf", new ByteArrayResource(content), content.length);
		assertThat(inspected.sha256()).isEqualTo(expected);
	}

	private static byte[] ascii(String s) {
		return s.getBytes(StandardCharsets.ISO_8859_1);
	}

}
