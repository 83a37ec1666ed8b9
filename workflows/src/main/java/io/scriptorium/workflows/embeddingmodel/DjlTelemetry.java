package io.scriptorium.workflows.embeddingmodel;

/**
 * The in-process model's tokenizer (DJL) probes the EC2 metadata endpoint and reports usage on first use unless
 * told not to; a worker has no business calling out, so the opt-out is set before DJL loads.
 */
final class DjlTelemetry {

	private static final String OPT_OUT = "OPT_OUT_TRACKING";

	private DjlTelemetry() {
	}

	static void optOut() {
		if (System.getenv(OPT_OUT) == null && System.getProperty(OPT_OUT) == null) {
			System.setProperty(OPT_OUT, "true");
		}
	}

}
