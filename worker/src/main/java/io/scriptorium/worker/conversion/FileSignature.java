package io.scriptorium.worker.conversion;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** What a file's first bytes say it is, whatever its name claims. */
enum FileSignature {

	ZIP("a ZIP archive", new byte[] { 'P', 'K', 3, 4 }),
	OLE2("an OLE2 (legacy Office) file", CompoundFile.SIGNATURE),
	PDF("a PDF", "%PDF-".getBytes(StandardCharsets.US_ASCII)),
	RTF("an RTF file", "{\\rtf".getBytes(StandardCharsets.US_ASCII)),
	UNKNOWN("of an unknown format", new byte[0]);

	private final String description;

	private final byte[] magic;

	FileSignature(String description, byte[] magic) {
		this.description = description;
		this.magic = magic;
	}

	/** For messages: "is a PDF". */
	String description() {
		return this.description;
	}

	static FileSignature of(Path file) throws IOException {
		byte[] head;
		try (InputStream in = Files.newInputStream(file)) {
			head = in.readNBytes(8);
		}
		for (FileSignature signature : values()) {
			if (signature != UNKNOWN && head.length >= signature.magic.length
					&& Arrays.equals(head, 0, signature.magic.length, signature.magic, 0, signature.magic.length)) {
				return signature;
			}
		}
		return UNKNOWN;
	}

}
