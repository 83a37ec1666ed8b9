package io.scriptorium.worker.conversion;

import static io.scriptorium.worker.blobs.ActivityFailures.assertNonRetryable;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.scriptorium.workflows.testing.Corpus;
import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.document.DocumentType;
import io.scriptorium.workflows.failure.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfficeFileInspectorTest {

	private final OfficeFileInspector inspector = new OfficeFileInspector();

	@TempDir
	Path directory;

	private void inspect(String corpusFile, DocumentType type) throws Exception {
		this.inspector.inspect(new DocumentRef(UUID.randomUUID(), corpusFile, type), Corpus.file(corpusFile));
	}

	@Test
	void validOfficeFilesPass() {
		assertThatNoException().isThrownBy(() -> {
			inspect("docx-simple-1p-us-trustee-handbook-unstructured.docx", DocumentType.DOCX);
			inspect("pptx-simple-unstructured.pptx", DocumentType.PPTX);
			inspect("odt-text-and-table-unstructured.odt", DocumentType.ODT);
			inspect("doc-simple-unstructured.doc", DocumentType.DOC);
			inspect("rtf-simple-unstructured.rtf", DocumentType.RTF);
		});
	}

	@Test
	void passwordProtectedDocxFailsWithEncryptedDocument() {
		assertNonRetryable(() -> inspect("docx-encrypted-password-tika.docx", DocumentType.DOCX),
				ErrorCode.ENCRYPTED_DOCUMENT);
	}

	@Test
	void zipWithoutCentralDirectoryFailsWithCorruptDocument() {
		assertNonRetryable(() -> inspect("docx-corrupt-truncated-zip-tika.docx", DocumentType.DOCX),
				ErrorCode.CORRUPT_DOCUMENT);
	}

	@Test
	void pdfNamedDocxFailsWithUnsupportedType() {
		assertNonRetryable(() -> inspect("docx-typelie-pdf-pdfbox.docx", DocumentType.DOCX),
				ErrorCode.UNSUPPORTED_TYPE);
	}

	@Test
	void docxNamedRtfFailsWithUnsupportedType() {
		assertNonRetryable(() -> inspect("docx-simple-1p-us-trustee-handbook-unstructured.docx", DocumentType.RTF),
				ErrorCode.UNSUPPORTED_TYPE);
	}

	@Test
	void emptyFileFailsWithEmptyDocument() {
		assertNonRetryable(() -> inspect("empty-zero-bytes-unstructured.docx", DocumentType.DOCX),
				ErrorCode.EMPTY_DOCUMENT);
	}

	@Test
	void zipThatIsNoOfficeDocumentFailsWithUnsupportedType() throws Exception {
		Path zip = zip("plain.docx", "readme.txt", 10);
		assertNonRetryable(() -> this.inspector.inspect(ref(zip, DocumentType.DOCX), zip), ErrorCode.UNSUPPORTED_TYPE);
	}

	@Test
	void garbageAfterAnOle2SignatureFailsWithCorruptDocument() throws Exception {
		byte[] content = new byte[600];
		byte[] signature = { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1 };
		System.arraycopy(signature, 0, content, 0, signature.length);
		Path doc = Files.write(this.directory.resolve("broken.doc"), content);
		assertNonRetryable(() -> this.inspector.inspect(ref(doc, DocumentType.DOC), doc), ErrorCode.CORRUPT_DOCUMENT);
	}

	private Path zip(String name, String entry, int zeros) throws Exception {
		Path file = this.directory.resolve(name);
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
			zip.putNextEntry(new ZipEntry(entry));
			zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
			zip.write(new byte[zeros]);
		}
		return file;
	}

	private static DocumentRef ref(Path file, DocumentType type) {
		return new DocumentRef(UUID.randomUUID(), file.getFileName().toString(), type);
	}

}
