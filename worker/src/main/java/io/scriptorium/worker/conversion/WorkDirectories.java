package io.scriptorium.worker.conversion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * The conversion's temporary directories (one per conversion, one LibreOffice profile template), under
 * {@code scriptorium.conversion.working-directory} when it is set, else the system's temporary directory.
 */
final class WorkDirectories {

	private static final Logger logger = LoggerFactory.getLogger(WorkDirectories.class);

	private WorkDirectories() {
	}

	static Path create(@Nullable Path workingDirectory, String prefix) {
		try {
			return (workingDirectory != null)
					? Files.createTempDirectory(Files.createDirectories(workingDirectory), prefix)
					: Files.createTempDirectory("scriptorium-" + prefix);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void delete(Path directory) {
		try {
			FileSystemUtils.deleteRecursively(directory);
		}
		catch (IOException ex) {
			logger.warn("Could not delete {}", directory, ex);
		}
	}

}
