package io.scriptorium.api.upload;

import io.scriptorium.workflows.document.DocumentType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.core.io.InputStreamSource;
import org.springframework.stereotype.Component;

/**
 * The checks at the door: empty, too large, wrong type, password-protected OOXML. Reads the file in two streaming
 * passes (its head, then all of it for the SHA-256), never holding it in memory.
 */
@Component
class FileInspector {

	/** The name of the stream that holds an encrypted OOXML package, as CFB stores it (UTF-16LE). */
	private static final byte[] ENCRYPTED_PACKAGE = "EncryptedPackage".getBytes(StandardCharsets.UTF_16LE);

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
				head = in.readNBytes(FileSignature.HEAD_BYTES);
			}
			DocumentType type = FileSignature.detect(head, filename);
			boolean encryptedCandidate = FileSignature.isCompoundFile(head) && type != DocumentType.DOC;
			Digest digest = digest(content, encryptedCandidate);
			if (digest.encryptedPackage()) {
				throw UploadRejectedException.encrypted(filename);
			}
			return new InspectedFile(filename, type, digest.sha256(), size);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the uploaded file", ex);
		}
	}

	private static Digest digest(InputStreamSource content, boolean scanForEncryptedPackage) throws IOException {
		MessageDigest sha256 = sha256();
		BytePattern encrypted = new BytePattern(ENCRYPTED_PACKAGE);
		boolean found = false;
		byte[] buffer = new byte[64 * 1024];
		try (InputStream in = content.getInputStream()) {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				sha256.update(buffer, 0, n);
				if (scanForEncryptedPackage && !found) {
					found = encrypted.feed(buffer, n);
				}
			}
		}
		return new Digest(HexFormat.of().formatHex(sha256.digest()), found);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

	private record Digest(String sha256, boolean encryptedPackage) {
	}

	/** Finds a byte pattern in a stream fed buffer by buffer, also across buffer boundaries. */
	static final class BytePattern {

		private final byte[] pattern;

		private int matched;

		BytePattern(byte[] pattern) {
			this.pattern = pattern;
		}

		/** @return whether the pattern has been seen so far */
		boolean feed(byte[] buffer, int length) {
			for (int i = 0; i < length && this.matched < this.pattern.length; i++) {
				// The pattern's first byte does not occur again in it, so restarting at a mismatch loses no match.
				if (buffer[i] == this.pattern[this.matched]) {
					this.matched++;
				}
				else {
					this.matched = (buffer[i] == this.pattern[0]) ? 1 : 0;
				}
			}
			return this.matched == this.pattern.length;
		}

	}

}
