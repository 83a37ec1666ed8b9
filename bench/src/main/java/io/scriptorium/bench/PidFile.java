package io.scriptorium.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The pid files {@code scripts/stack} writes to {@code .stack/run}, one per process of the local stack. */
final class PidFile {

	private PidFile() {
	}

	static long read(Path file) throws IOException {
		return Long.parseLong(Files.readString(file).strip());
	}

}
