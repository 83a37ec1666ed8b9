package io.scriptorium.worker.conversion;

import com.sun.star.document.MacroExecMode;
import com.sun.star.document.UpdateDocMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
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
 * <p>
 * LibreOffice converts strangers' files, so it starts locked down (the second defence after
 * {@link OfficeFileRewriter}): a profile that blocks links from untrusted documents, never updates links or fields
 * and never runs macros; every proxy set to a closed port on loopback, so that what still tries to fetch a URL
 * fails at once; no environment but a locale and a PATH, so that none of the worker's credentials reach it; and
 * documents loaded without link updates or macros.
 */
class OfficeConverter implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(OfficeConverter.class);

	/** Nothing listens on the discard port of loopback: a proxied request is refused at once. */
	private static final String DEAD_PROXY_HOST = "127.0.0.1";

	private static final int DEAD_PROXY_PORT = 9;

	private static final String PROFILE = """
			<?xml version="1.0" encoding="UTF-8"?>
			<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
			xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
			<item oor:path="/org.openoffice.Office.Common/Security/Scripting">\
			<prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse" oor:finalized="true"><value>true</value></prop>\
			<prop oor:name="DisableMacrosExecution" oor:op="fuse" oor:finalized="true"><value>true</value></prop>\
			<prop oor:name="MacroSecurityLevel" oor:op="fuse" oor:finalized="true"><value>3</value></prop>\
			<prop oor:name="DisableActiveContent" oor:op="fuse" oor:finalized="true"><value>true</value></prop></item>
			<item oor:path="/org.openoffice.Office.Writer/Content/Update">\
			<prop oor:name="Link" oor:op="fuse" oor:finalized="true"><value>0</value></prop>\
			<prop oor:name="Field" oor:op="fuse" oor:finalized="true"><value>false</value></prop>\
			<prop oor:name="Chart" oor:op="fuse" oor:finalized="true"><value>false</value></prop></item>
			<item oor:path="/org.openoffice.Office.Calc/Content/Update">\
			<prop oor:name="Link" oor:op="fuse" oor:finalized="true"><value>0</value></prop></item>
			<item oor:path="/org.openoffice.Inet/Settings">\
			<prop oor:name="ooInetProxyType" oor:op="fuse" oor:finalized="true"><value>1</value></prop>\
			<prop oor:name="ooInetNoProxy" oor:op="fuse" oor:finalized="true"><value></value></prop>\
			<prop oor:name="ooInetHTTPProxyName" oor:op="fuse"><value>%1$s</value></prop>\
			<prop oor:name="ooInetHTTPProxyPort" oor:op="fuse"><value>%2$d</value></prop>\
			<prop oor:name="ooInetHTTPSProxyName" oor:op="fuse"><value>%1$s</value></prop>\
			<prop oor:name="ooInetHTTPSProxyPort" oor:op="fuse"><value>%2$d</value></prop>\
			<prop oor:name="ooInetFTPProxyName" oor:op="fuse"><value>%1$s</value></prop>\
			<prop oor:name="ooInetFTPProxyPort" oor:op="fuse"><value>%2$d</value></prop></item>
			</oor:items>
			""".formatted(DEAD_PROXY_HOST, DEAD_PROXY_PORT);

	/** jodconverter's defaults are Hidden and ReadOnly, with links updated quietly: never update, never run macros. */
	private static final Map<String, Object> LOAD_PROPERTIES = Map.of("Hidden", true, "ReadOnly", true,
			"UpdateDocMode", UpdateDocMode.NO_UPDATE, "MacroExecutionMode", MacroExecMode.NEVER_EXECUTE);

	private final LocalOfficeManager officeManager;

	private final LocalConverter converter;

	/** Whether start() was called: isRunning() can read false while the pool (re)starts, and start() twice fails. */
	private boolean started;

	private final Path profile;

	OfficeConverter(ConversionProperties properties) {
		this.profile = writeProfile(properties.getWorkingDirectory());
		LocalOfficeManager.Builder builder = LocalOfficeManager.builder()
			.portNumbers(ports(properties))
			.templateProfileDir(this.profile.toFile())
			.runAsArgs(cleanEnvironment(this.profile))
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
		this.converter = LocalConverter.builder()
			.officeManager(this.officeManager)
			.loadProperties(LOAD_PROPERTIES)
			.build();
	}

	/** The template jodconverter copies into each process's own profile directory. */
	private static Path writeProfile(@Nullable Path workingDirectory) {
		Path directory = WorkDirectories.create(workingDirectory, "office-profile-");
		try {
			Files.createDirectories(directory.resolve("user"));
			Files.writeString(directory.resolve("user/registrymodifications.xcu"), PROFILE);
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the LibreOffice profile", ex);
		}
	}

	/**
	 * jodconverter puts these before soffice's command line: {@code env -i} starts it with only what is listed. The
	 * proxy variables cover what does not read the profile's proxy settings.
	 */
	private static String[] cleanEnvironment(Path home) {
		List<String> command = new ArrayList<>(List.of("/usr/bin/env", "-i", "HOME=" + home,
				"PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8"));
		String proxy = "http://" + DEAD_PROXY_HOST + ":" + DEAD_PROXY_PORT;
		for (String variable : List.of("http_proxy", "https_proxy", "ftp_proxy", "HTTP_PROXY", "HTTPS_PROXY",
				"FTP_PROXY", "all_proxy", "ALL_PROXY")) {
			command.add(variable + "=" + proxy);
		}
		return command.toArray(String[]::new);
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
		WorkDirectories.delete(this.profile);
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
