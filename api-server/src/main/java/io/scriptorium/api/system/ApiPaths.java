package io.scriptorium.api.system;

/** The API's resource paths, stated once for the controllers and the filters that look at requests. */
public final class ApiPaths {

	/** Documents: upload (POST), list, one document, its chunks. */
	public static final String DOCUMENTS = "/api/v1/documents";

	/** The web console's settings. */
	public static final String CONSOLE = "/api/v1/console";

	private ApiPaths() {
	}

}
