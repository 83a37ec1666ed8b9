package io.scriptorium.workflows.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The type rule: the content decides, the name tells apart formats of one container and must not contradict it. */
class FileFormatTest {

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H',
			'D', 'R' };

	private static final byte[] CFB = { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
			(byte) 0xE1, 0, 0, 0, 0 };

	@ParameterizedTest
	@CsvSource({ "report.pdf, PDF", "report, PDF", "REPORT.PDF, PDF" })
	void pdfSignatureIsAcceptedAsPdfWhenTheNameAgrees(String filename, DocumentType type) {
		assertThat(FileFormat.documentType(ascii("%PDF-1.7\n%\u00e2\u00e3"), filename)).isEqualTo(type);
	}


	@ParameterizedTest
	@CsvSource({ "report.docx", "report.txt", "report.rtf", "report.html" })
	void pdfSignatureUnderAnotherExtensionIsUnsupported(String filename) {
		assertUnsupported(ascii("%PDF-1.4\n"), filename);
	}


	@ParameterizedTest
	@CsvSource({ "a.docx, DOCX", "a.pptx, PPTX", "a.odt, ODT", "A.DOCX, DOCX" })
	void zipIsTheOfficeTypeItsExtensionNames(String filename, DocumentType type) throws Exception {
		assertThat(FileFormat.documentType(zip(), filename)).isEqualTo(type);
	}


	@ParameterizedTest
	@CsvSource({ "a.zip", "a.pdf", "a", "a.xlsx", "a.txt", "a.doc" })
	void zipWithAnyOtherExtensionIsUnsupported(String filename) throws Exception {
		assertUnsupported(zip(), filename);
	}


	@ParameterizedTest
	@CsvSource({ "old.doc, DOC", "locked.docx, DOCX", "locked.pptx, PPTX" })
	void compoundFileIsAcceptedAsDocOrAsPossiblyEncryptedOoxml(String filename, DocumentType type) {
		assertThat(FileFormat.documentType(CFB, filename)).isEqualTo(type);
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
		assertThat(FileFormat.documentType(ascii("{\\rtf1\\ansi hello}"), "letter.rtf")).isEqualTo(DocumentType.RTF);
		assertUnsupported(ascii("{\\rtf1\\ansi hello}"), "letter.doc");
	}


	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "notes.txt|plain words|TXT", "readme.md|# Title|MD",
			"page.html|<p>hi</p>|HTML", "page.htm|<?xml version='1.0'?><html/>|HTML", "page|<!DOCTYPE html><html>|HTML",
			"page|  <HTML lang=en>|HTML", "notes|plain words|TXT", "data.csv|a,b,c|TXT", "notes.text|words|TXT" })
	void utf8TextIsTheTextTypeItsNameOrContentSays(String filename, String content, DocumentType type) {
		assertThat(FileFormat.documentType(content.getBytes(StandardCharsets.UTF_8), filename)).isEqualTo(type);
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
		assertThat(FileFormat.documentType(head, "prices.txt")).isEqualTo(DocumentType.TXT);
	}


	@Test
	void utf8BomBeforeHtmlIsHtml() {
		byte[] head = ("\uFEFF<!doctype html><title>x</title>").getBytes(StandardCharsets.UTF_8);
		assertThat(FileFormat.documentType(head, "page")).isEqualTo(DocumentType.HTML);
	}


	private static void assertUnsupported(byte[] head, String filename) {
		assertThatExceptionOfType(FileFormat.Unsupported.class)
			.isThrownBy(() -> FileFormat.documentType(head, filename));
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
