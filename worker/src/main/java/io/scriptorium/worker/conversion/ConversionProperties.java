package io.scriptorium.worker.conversion;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Office conversion: where LibreOffice is and how the worker runs it. */
@ConfigurationProperties("scriptorium.conversion")
public class ConversionProperties {

	/**
	 * Whether this worker converts office documents. A worker without LibreOffice sets false and then does not poll
	 * the office task queue.
	 */
	private boolean enabled = true;

	/** LibreOffice's installation directory (e.g. /usr/lib/libreoffice); detected when not set. */
	private @Nullable Path officeHome;

	/** How many LibreOffice processes convert in parallel; each takes one port and roughly 200 MB. */
	private int processes = 1;

	/**
	 * Ports the LibreOffice processes listen on; when set, one process runs per port and {@code processes} is
	 * ignored. Free ports are picked when not set.
	 */
	private List<Integer> ports = new ArrayList<>();

	/**
	 * How long one conversion may take before LibreOffice is restarted and the attempt fails (retryably). Keep it
	 * below the conversion activity's start-to-close timeout.
	 */
	private Duration taskTimeout = Duration.ofMinutes(4);

	/** LibreOffice leaks memory over many documents: it is restarted after this many conversions (~1.5 s). */
	private int maxTasksPerProcess = 200;

	/** Where temporary files and LibreOffice profiles go; the system temporary directory when not set. */
	private @Nullable Path workingDirectory;

	/**
	 * The most a ZIP-based document (DOCX, PPTX, ODT) may expand to. Larger ones fail DOCUMENT_TOO_LARGE before
	 * LibreOffice sees them, which stops ZIP bombs.
	 */
	private DataSize maxUnzippedSize = DataSize.ofMegabytes(256);

	/** How often a running conversion heartbeats; keep it well below the activity's heartbeat timeout. */
	private Duration heartbeatInterval = Duration.ofSeconds(20);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable Path getOfficeHome() {
		return this.officeHome;
	}

	public void setOfficeHome(@Nullable Path officeHome) {
		this.officeHome = officeHome;
	}

	public int getProcesses() {
		return this.processes;
	}

	public void setProcesses(int processes) {
		this.processes = processes;
	}

	public List<Integer> getPorts() {
		return this.ports;
	}

	public void setPorts(List<Integer> ports) {
		this.ports = ports;
	}

	public Duration getTaskTimeout() {
		return this.taskTimeout;
	}

	public void setTaskTimeout(Duration taskTimeout) {
		this.taskTimeout = taskTimeout;
	}

	public int getMaxTasksPerProcess() {
		return this.maxTasksPerProcess;
	}

	public void setMaxTasksPerProcess(int maxTasksPerProcess) {
		this.maxTasksPerProcess = maxTasksPerProcess;
	}

	public @Nullable Path getWorkingDirectory() {
		return this.workingDirectory;
	}

	public void setWorkingDirectory(@Nullable Path workingDirectory) {
		this.workingDirectory = workingDirectory;
	}

	public DataSize getMaxUnzippedSize() {
		return this.maxUnzippedSize;
	}

	public void setMaxUnzippedSize(DataSize maxUnzippedSize) {
		this.maxUnzippedSize = maxUnzippedSize;
	}

	public Duration getHeartbeatInterval() {
		return this.heartbeatInterval;
	}

	public void setHeartbeatInterval(Duration heartbeatInterval) {
		this.heartbeatInterval = heartbeatInterval;
	}

}
