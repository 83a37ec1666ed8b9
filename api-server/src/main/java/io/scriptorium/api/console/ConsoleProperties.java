package io.scriptorium.api.console;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** What the web console needs to know that the API does not: where its users reach the Temporal UI. */
@ConfigurationProperties("scriptorium.console")
public class ConsoleProperties {

	/**
	 * The Temporal UI as the console's users' browsers reach it (not as the api-server does): each document links to
	 * its run there.
	 */
	private String temporalUiUrl = "http://127.0.0.1:8233";

	public String getTemporalUiUrl() {
		return this.temporalUiUrl;
	}

	public void setTemporalUiUrl(String temporalUiUrl) {
		this.temporalUiUrl = temporalUiUrl;
	}

}
