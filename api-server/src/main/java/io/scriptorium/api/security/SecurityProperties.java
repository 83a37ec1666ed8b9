package io.scriptorium.api.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Who may call the API and from which browser origins. */
@ConfigurationProperties("scriptorium.security")
public class SecurityProperties {

	/**
	 * The bearer tokens the API accepts (comma-separated; several so that a token can be rotated without downtime).
	 * Empty: the API is open, which only suits local development. Never logged.
	 */
	private List<String> apiTokens = new ArrayList<>();

	/** Whether the actuator endpoints other than health (prometheus, metrics, info) also need a token. */
	private boolean protectMetrics = false;

	/** Cross-origin access to {@code /api/**} from browsers. */
	private final Cors cors = new Cors();

	/** The configured tokens without blanks, e.g. what an unset {@code SCRIPTORIUM_API_TOKEN} leaves. */
	public List<String> tokens() {
		return this.apiTokens.stream().map(String::strip).filter((token) -> !token.isEmpty()).toList();
	}

	public List<String> getApiTokens() {
		return this.apiTokens;
	}

	public void setApiTokens(List<String> apiTokens) {
		this.apiTokens = (apiTokens != null) ? apiTokens : new ArrayList<>();
	}

	public boolean isProtectMetrics() {
		return this.protectMetrics;
	}

	public void setProtectMetrics(boolean protectMetrics) {
		this.protectMetrics = protectMetrics;
	}

	public Cors getCors() {
		return this.cors;
	}

	/** Tokens masked: this object may end up in a log line or a debugger. */
	@Override
	public String toString() {
		return "SecurityProperties[apiTokens=" + tokens().size() + " configured, protectMetrics=" + this.protectMetrics
				+ ", cors=" + this.cors.allowedOrigins + "]";
	}

	public static class Cors {

		/** The origins allowed to call {@code /api/**} from a browser, e.g. {@code https://app.example.com}. Empty: none. */
		private List<String> allowedOrigins = new ArrayList<>();

		/** The HTTP methods allowed cross-origin. */
		private List<String> allowedMethods = new ArrayList<>(List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"));

		/** The request headers allowed cross-origin. */
		private List<String> allowedHeaders = new ArrayList<>(List.of("Authorization", "Content-Type"));

		/** How long a browser may cache a preflight answer. */
		private Duration maxAge = Duration.ofMinutes(30);

		public List<String> getAllowedOrigins() {
			return this.allowedOrigins;
		}

		public void setAllowedOrigins(List<String> allowedOrigins) {
			this.allowedOrigins = (allowedOrigins != null) ? allowedOrigins : new ArrayList<>();
		}

		public List<String> getAllowedMethods() {
			return this.allowedMethods;
		}

		public void setAllowedMethods(List<String> allowedMethods) {
			this.allowedMethods = allowedMethods;
		}

		public List<String> getAllowedHeaders() {
			return this.allowedHeaders;
		}

		public void setAllowedHeaders(List<String> allowedHeaders) {
			this.allowedHeaders = allowedHeaders;
		}

		public Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

	}

}
