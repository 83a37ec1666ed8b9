package io.scriptorium.api.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.scriptorium.workflows.document.DocumentType;
import io.scriptorium.workflows.failure.ErrorCode;
import io.scriptorium.workflows.testing.Corpus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.util.unit.DataSize;

class FileSignatureTest {

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H',
			'D', 'R' };

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

	@ParameterizedTest
	@CsvSource({ "report.pdf, PDF", "report, PDF", "REPORT.PDF, PDF" })
	void pdfSignatureIsAcceptedAsPdfWhenTheNameAgrees(String filename, DocumentType type) {
		assertThat(FileSignature.detect(ascii("%PDF-1.7\n%\u00e2\u00e3"), filename)).isEqualTo(type);
	}

	@ParameterizedTest
	@CsvSource({ "report.docx", "report.txt", "report.rtf", "report.html" })
	void pdfSignatureUnderAnotherExtensionIsUnsupported(String filename) {
		assertUnsupported(ascii("%PDF-1.4\n"), filename);
	}

	@ParameterizedTest
	@CsvSource({ "a.docx, DOCX", "a.pptx, PPTX", "a.odt, ODT", "A.DOCX, DOCX" })
	void zipIsTheOfficeTypeItsExtensionNames(String filename, DocumentType type) throws Exception {
		assertThat(FileSignature.detect(zip(), filename)).isEqualTo(type);
	}

	@ParameterizedTest
	@CsvSource({ "a.zip", "a.pdf", "a", "a.xlsx", "a.txt", "a.doc" })
	void zipWithAnyOtherExtensionIsUnsupported(String filename) throws Exception {
		assertUnsupported(zip(), filename);
	}

	@ParameterizedTest
	@CsvSource({ "old.doc, DOC", "locked.docx, DOCX", "locked.pptx, PPTX" })
	void compoundFileIsAcceptedAsDocOrAsPossiblyEncryptedOoxml(String filename, DocumentType type) {
		assertThat(FileSignature.detect(CFB, filename)).isEqualTo(type);
	}

	@ParameterizedTest
	@CsvSource({ "sheet.xls", "old.pdf", "old" })
	void compoundFileWithAnyOtherExtensionIsUnsupported(String filename) {
		assertUnsupported(CFB, filename);
	}

	@ParameterizedTest
	@CsvSource({ "image.png", "image.pdf", "image", "image.txt" })
	void pngIsUnsupportedWhateverItsName(String filename) {
		assertUnsupported(PNG, filename);
	}

	@Test
	void rtfSignatureIsRtfButNotUnderAWordExtension() {
		assertThat(FileSignature.detect(ascii("{\\rtf1\\ansi hello}"), "letter.rtf")).isEqualTo(DocumentType.RTF);
		assertUnsupported(ascii("{\\rtf1\\ansi hello}"), "letter.doc");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "notes.txt|plain words|TXT", "readme.md|# Title|MD",
			"page.html|<p>hi</p>|HTML", "page.htm|<?xml version='1.0'?><html/>|HTML", "page|<!DOCTYPE html><html>|HTML",
			"page|  <HTML lang=en>|HTML", "notes|plain words|TXT", "data.csv|a,b,c|TXT", "notes.text|words|TXT" })
	void utf8TextIsTheTextTypeItsNameOrContentSays(String filename, String content, DocumentType type) {
		assertThat(FileSignature.detect(content.getBytes(StandardCharsets.UTF_8), filename)).isEqualTo(type);
	}

	@ParameterizedTest
	@CsvSource({ "notes.pdf", "notes.docx", "notes.doc", "notes.rtf", "notes.pptx", "notes.odt" })
	void textNamedAsABinaryFormatIsUnsupported(String filename) {
		assertUnsupported(ascii("just some words"), filename);
	}

	@Test
	void textWithANulByteIsUnsupported() {
		assertUnsupported(new byte[] { 'a', 'b', 0, 'c' }, "notes.txt");
	}

	@Test
	void textThatIsNotUtf8IsUnsupported() {
		assertUnsupported(new byte[] { 'c', 'a', 'f', (byte) 0xE9, ' ', 'n', 'o', 'i', 'r' }, "latin1.txt");
	}

	@Test
	void utf8CharacterCutByTheEndOfTheHeadIsStillText() {
		byte[] euro = "\u20ac".getBytes(StandardCharsets.UTF_8);
		byte[] head = Arrays.copyOf(ascii("price: "), 9);
		head[7] = euro[0];
		head[8] = euro[1];
		assertThat(FileSignature.detect(head, "prices.txt")).isEqualTo(DocumentType.TXT);
	}

	@Test
	void utf8BomBeforeHtmlIsHtml() {
		byte[] head = ("\uFEFF<!doctype html><title>x</title>").getBytes(StandardCharsets.UTF_8);
		assertThat(FileSignature.detect(head, "page")).isEqualTo(DocumentType.HTML);
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
	void encryptedPackageNameIsFoundAcrossReadBuffers() {
		byte[] name = "EncryptedPackage".getBytes(StandardCharsets.UTF_16LE);
		byte[] content = Arrays.copyOf(CFB, 64 * 1024 + 100);
		// Straddles the 64 KB read buffer.
		System.arraycopy(name, 0, content, 64 * 1024 - 10, name.length);
		assertThatExceptionOfType(UploadRejectedException.class)
			.isThrownBy(() -> this.inspector.inspect("locked.docx", new ByteArrayResource(content), content.length))
			.satisfies(ex -> assertThat(ex.code()).isEqualTo(ErrorCode.ENCRYPTED_DOCUMENT));
	}

	@Test
	void sha256IsTheHexDigestOfTheWholeFile() throws Exception {
		byte[] content = Arrays.copyOf(ascii("%PDF-1.7 "), 200_000);
		String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		InspectedFile inspected = this.inspector.inspect("a.pdf", new ByteArrayResource(content), content.length);
		assertThat(inspected.sha256()).isEqualTo(expected);
	}

	private static void assertUnsupported(byte[] head, String filename) {
		assertThatExceptionOfType(UploadRejectedException.class)
			.isThrownBy(() -> FileSignature.detect(head, filename))
			.satisfies(ex -> assertThat(ex.code()).isEqualTo(ErrorCode.UNSUPPORTED_TYPE));
	}

	private static byte[] zip() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
			zip.write(ascii("<Types/>"));
			zip.closeEntry();
		}
		return bytes.toByteArray();
	}

	private static byte[] ascii(String s) {
		return s.getBytes(StandardCharsets.ISO_8859_1);
	}

}
