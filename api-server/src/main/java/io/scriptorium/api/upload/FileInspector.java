package io.scriptorium.api.upload;

import io.scriptorium.workflows.document.DocumentType;
import io.scriptorium.workflows.document.FileFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.core.io.InputStreamSource;
import org.springframework.stereotype.Component;

/**
 * The checks at the door: empty, too large, wrong type, password-protected office file. Reads the file's head, then
 * all of it for the SHA-256, streaming; only an OLE2 or ODF file is also copied to a temporary file, because telling
 * whether it is password-protected takes reading its container's directory ({@link FileFormat#isPasswordProtected}).
 */
@Component
class FileInspector {

	private final UploadProperties properties;

	FileInspector(UploadProperties properties) {
		this.properties = properties;
	}

	/**
	 * @param originalFilename the client's file name, sanitised here
	 * @throws UploadRejectedException with EMPTY_DOCUMENT, DOCUMENT_TOO_LARGE, UNSUPPORTED_TYPE or
	 * ENCRYPTED_DOCUMENT
	 */
	InspectedFile inspect(String originalFilename, InputStreamSource content, long size) {
		String filename = FileNames.sanitize(originalFilename);
		if (size <= 0) {
			throw UploadRejectedException.empty(filename);
		}
		long max = this.properties.getMaxSize().toBytes();
		if (size > max) {
			throw UploadRejectedException.tooLarge(filename, size, max);
		}
		try {
			byte[] head;
			try (InputStream in = content.getInputStream()) {
				head = in.readNBytes(FileFormat.HEAD_BYTES);
			}
			DocumentType type = documentType(head, filename);
			if ((FileFormat.of(head) == FileFormat.OLE2 || type == DocumentType.ODT) && isPasswordProtected(content)) {
				throw UploadRejectedException.encrypted(filename);
			}
			return new InspectedFile(filename, type, sha256(content), size);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the uploaded file", ex);
		}
	}

	private static DocumentType documentType(byte[] head, String filename) {
		try {
			return FileFormat.documentType(head, filename);
		}
		catch (FileFormat.Unsupported ex) {
			throw UploadRejectedException.unsupportedType(ex.getMessage());
		}
	}

	/** A container too damaged to tell is accepted here: the worker fails it CORRUPT_DOCUMENT with the reason. */
	private static boolean isPasswordProtected(InputStreamSource content) throws IOException {
		Path copy = Files.createTempFile("scriptorium-upload-", ".office");
		try {
			try (InputStream in = content.getInputStream()) {
				Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
			}
			return isPasswordProtected(copy);
		}
		finally {
			Files.deleteIfExists(copy);
		}
	}

	private static boolean isPasswordProtected(Path file) {
		try {
			return FileFormat.isPasswordProtected(file);
		}
		catch (IOException damaged) {
			return false;
		}
	}

	private static String sha256(InputStreamSource content) throws IOException {
		MessageDigest sha256 = sha256();
		byte[] buffer = new byte[64 * 1024];
		try (InputStream in = content.getInputStream()) {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				sha256.update(buffer, 0, n);
			}
		}
		return HexFormat.of().formatHex(sha256.digest());
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

}
