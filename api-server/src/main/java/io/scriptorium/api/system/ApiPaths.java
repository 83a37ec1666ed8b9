package io.scriptorium.api.system;

/** The API's resource paths, stated once for the controllers and the filters that look at requests. */
public final class ApiPaths {

	/** Documents: upload (POST), list, one document, its chunks. */
	public static final String DOCUMENTS = "/api/v1/documents";

	/** Every document's events, as Server-Sent Events (a document's own are under {@link #DOCUMENTS}). */
	public static final String EVENTS = "/api/v1/events";

	/** Webhook endpoints: register (POST), list, delete, their deliveries. */
	public static final String WEBHOOKS = "/api/v1/webhooks";

	/** The web console's settings. */
	public static final String CONSOLE = "/api/v1/console";

	private ApiPaths() {
	}

}
