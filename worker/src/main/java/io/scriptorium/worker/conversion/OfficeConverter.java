package io.scriptorium.worker.conversion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jodconverter.core.document.DefaultDocumentFormatRegistry;
import org.jodconverter.core.document.DocumentFormat;
import org.jodconverter.core.office.OfficeException;
import org.jodconverter.local.LocalConverter;
import org.jodconverter.local.office.LocalOfficeManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Owns the LibreOffice processes. They start on the first conversion rather than with the worker (about 2 s), so
 * that a worker that sees only PDFs never pays for them, and they stop with the application context.
 */
class OfficeConverter implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(OfficeConverter.class);

	private final LocalOfficeManager officeManager;

	private final LocalConverter converter;

	/** Whether start() was called: isRunning() can read false while the pool (re)starts, and start() twice fails. */
	private boolean started;

	OfficeConverter(ConversionProperties properties) {
		LocalOfficeManager.Builder builder = LocalOfficeManager.builder()
			.portNumbers(ports(properties))
			.taskExecutionTimeout(properties.getTaskTimeout().toMillis())
			// Conversions beyond the pool's size wait for a process; as long as one may take.
			.taskQueueTimeout(properties.getTaskTimeout().toMillis())
			.maxTasksPerProcess(properties.getMaxTasksPerProcess());
		if (properties.getOfficeHome() != null) {
			builder.officeHome(properties.getOfficeHome().toFile());
		}
		if (properties.getWorkingDirectory() != null) {
			builder.workingDir(properties.getWorkingDirectory().toFile());
		}
		this.officeManager = builder.build();
		this.converter = LocalConverter.make(this.officeManager);
	}

	/** Converts {@code source}, of the given format, to a PDF at {@code target}. */
	void convertToPdf(Path source, DocumentFormat sourceFormat, Path target) throws OfficeException {
		ensureStarted();
		this.converter.convert(source.toFile())
			.as(sourceFormat)
			.to(target.toFile())
			.as(DefaultDocumentFormatRegistry.PDF)
			.execute();
	}

	private synchronized void ensureStarted() throws OfficeException {
		if (!this.started) {
			logger.info("Starting LibreOffice for the first conversion");
			this.officeManager.start();
			this.started = true;
		}
	}

	@Override
	public synchronized void destroy() throws OfficeException {
		if (this.started) {
			this.officeManager.stop();
			this.started = false;
		}
	}

	/**
	 * Fixed ports when configured. Otherwise free ones: a second worker on the same host (or a test next to the
	 * local stack) must not collide with, or kill, another worker's LibreOffice on the default port 2002.
	 */
	private static int[] ports(ConversionProperties properties) {
		if (!properties.getPorts().isEmpty()) {
			return properties.getPorts().stream().mapToInt(Integer::intValue).toArray();
		}
		int[] ports = new int[Math.max(1, properties.getProcesses())];
		// Hold every socket until all are picked, so that no port is picked twice.
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < ports.length; i++) {
				ServerSocket socket = new ServerSocket(0);
				sockets.add(socket);
				ports[i] = socket.getLocalPort();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port for LibreOffice", ex);
		}
		finally {
			sockets.forEach(OfficeConverter::closeQuietly);
		}
		return ports;
	}

	private static void closeQuietly(ServerSocket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			logger.debug("Could not close {}", socket, ex);
		}
	}

}
