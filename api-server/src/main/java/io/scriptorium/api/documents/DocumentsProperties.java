package io.scriptorium.api.documents;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How the API reports on documents. */
@ConfigurationProperties("scriptorium.documents")
public class DocumentsProperties {

	/**
	 * How long a status request with {@code progress=true} waits for a PROCESSING document's workflow to answer
	 * its progress query; past it, the status is answered without progress.
	 */
	private Duration progressQueryTimeout = Duration.ofMillis(500);

	public Duration getProgressQueryTimeout() {
		return this.progressQueryTimeout;
	}

	public void setProgressQueryTimeout(Duration progressQueryTimeout) {
		this.progressQueryTimeout = progressQueryTimeout;
	}

}
