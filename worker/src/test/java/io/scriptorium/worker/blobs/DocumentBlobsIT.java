package io.scriptorium.worker.blobs;

import static io.scriptorium.worker.blobs.ActivityFailures.assertNonRetryable;
import static org.assertj.core.api.Assertions.assertThat;

import io.scriptorium.worker.testing.WorkerDatabase;
import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.document.DocumentType;
import io.scriptorium.workflows.failure.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentBlobsIT {

	private static WorkerDatabase database;

	@TempDir
	Path directory;

	@BeforeAll
	static void createDatabase() throws Exception {
		database = WorkerDatabase.create();
	}

	@AfterAll
	static void dropDatabase() throws Exception {
		database.close();
	}

	@Test
	void blobLargerThanOneSliceIsCopiedByteForByte() throws Exception {
		byte[] content = new byte[2 * DocumentBlobs.SLICE_BYTES + 12345];
		new Random(42).nextBytes(content);
		Path original = Files.write(this.directory.resolve("big.pdf"), content);
		DocumentRef document = database.insertDocument(original, DocumentType.PDF);

		Path copy = this.directory.resolve("copy.pdf");
		long copied = database.blobs().copyTo(document, BlobKind.ORIGINAL, copy);

		assertThat(copied).isEqualTo(content.length);
		assertThat(Files.readAllBytes(copy)).isEqualTo(content);
	}

	@Test
	void storingThePdfTwiceKeepsOneRowWithTheLatestContent() throws Exception {
		DocumentRef document = database.insertDocument(Files.writeString(this.directory.resolve("a.docx"), "docx"),
				DocumentType.DOCX);

		database.blobs().store(document, BlobKind.PDF, Files.writeString(this.directory.resolve("1.pdf"), "first"));
		database.blobs().store(document, BlobKind.PDF, Files.writeString(this.directory.resolve("2.pdf"), "second!"));

		assertThat(database.jdbc()
			.sql("SELECT count(*) FROM document_blobs WHERE document_id = ? AND kind = 'PDF'")
			.param(document.documentId())
			.query(Integer.class)
			.single()).isEqualTo(1);
		Path copy = this.directory.resolve("copy.pdf");
		assertThat(database.blobs().copyTo(document, BlobKind.PDF, copy)).isEqualTo(7);
		assertThat(Files.readString(copy)).isEqualTo("second!");
	}

	@Test
	void emptyBlobCopiesToAnEmptyFile() throws Exception {
		DocumentRef document = database.insertDocument(Files.write(this.directory.resolve("empty.pdf"), new byte[0]),
				DocumentType.PDF);

		Path copy = this.directory.resolve("copy.pdf");
		assertThat(database.blobs().copyTo(document, BlobKind.ORIGINAL, copy)).isZero();
		assertThat(copy).isEmptyFile();
	}

	@Test
	void deletedDocumentFailsWithDocumentNotFound() throws Exception {
		DocumentRef document = database.insertDocument(Files.writeString(this.directory.resolve("gone.txt"), "x"),
				DocumentType.TXT);
		database.deleteDocument(document);

		assertNonRetryable(() -> database.blobs().copyTo(document, BlobKind.ORIGINAL, this.directory.resolve("c")),
				ErrorCode.DOCUMENT_NOT_FOUND);
		assertNonRetryable(
				() -> database.blobs().store(document, BlobKind.PDF, Files.writeString(this.directory.resolve("p"), "p")),
				ErrorCode.DOCUMENT_NOT_FOUND);
	}

	@Test
	void missingPdfBlobFailsWithDocumentNotFound() throws Exception {
		DocumentRef document = database.insertDocument(Files.writeString(this.directory.resolve("b.docx"), "docx"),
				DocumentType.DOCX);

		assertNonRetryable(() -> database.blobs().copyTo(document, BlobKind.PDF, this.directory.resolve("c")),
				ErrorCode.DOCUMENT_NOT_FOUND);
	}

}
