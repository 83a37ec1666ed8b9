package io.scriptorium.api.security;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * The request firewall, the CORS filter, then the token filter, ahead of every other filter, so that a malformed or
 * refused request does no work and a browser's preflight is answered before credentials are asked for; then the
 * console pages' security headers.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	static final int FIREWALL_ORDER = Ordered.HIGHEST_PRECEDENCE;

	static final int CORS_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	static final int TOKEN_ORDER = CORS_ORDER + 1;

	static final int CONSOLE_HEADERS_ORDER = TOKEN_ORDER + 1;

	@Bean
	FilterRegistrationBean<RequestFirewallFilter> requestFirewallFilter() {
		FilterRegistrationBean<RequestFirewallFilter> registration = new FilterRegistrationBean<>(
				new RequestFirewallFilter());
		registration.setOrder(FIREWALL_ORDER);
		registration.addUrlPatterns("/*");
		return registration;
	}

	/**
	 * Tomcat answers {@code %2F} and {@code %5C} in a path with an HTML page of its own; passed through undecoded,
	 * they reach the firewall, which refuses them like every other malformed path, as a problem with a code.
	 */
	@Bean
	TomcatConnectorCustomizer encodedSeparatorsReachTheFirewall() {
		return (connector) -> {
			connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
			connector.setEncodedReverseSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
		};
	}

	@Bean
	FilterRegistrationBean<CorsFilter> apiCorsFilter(SecurityProperties properties) {
		FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(
				corsFilter(properties.getCors()));
		registration.setOrder(CORS_ORDER);
		registration.addUrlPatterns("/api/*");
		return registration;
	}

	@Bean
	FilterRegistrationBean<ApiTokenFilter> apiTokenFilter(SecurityProperties properties) {
		ApiTokens tokens = new ApiTokens(properties.tokens());
		if (tokens.isEmpty()) {
			log.warn("No API token configured: /api/** is open to anyone who can reach this port. "
					+ "Production must set SCRIPTORIUM_API_TOKEN (or scriptorium.security.api-tokens).");
		}
		else {
			log.info("API authentication on: {} bearer token(s), metrics {}", tokens.size(),
					properties.isProtectMetrics() ? "protected" : "open");
		}
		FilterRegistrationBean<ApiTokenFilter> registration = new FilterRegistrationBean<>(
				new ApiTokenFilter(tokens, properties.isProtectMetrics()));
		registration.setOrder(TOKEN_ORDER);
		registration.addUrlPatterns("/*");
		return registration;
	}

	@Bean
	FilterRegistrationBean<ConsoleHeadersFilter> consoleHeadersFilter() {
		FilterRegistrationBean<ConsoleHeadersFilter> registration = new FilterRegistrationBean<>(
				new ConsoleHeadersFilter());
		registration.setOrder(CONSOLE_HEADERS_ORDER);
		registration.addUrlPatterns("/*");
		return registration;
	}

	/** Always configured for {@code /api/**}: with no allowed origin, a cross-origin request is refused (403). */
	static CorsFilter corsFilter(SecurityProperties.Cors cors) {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOrigins(cors.getAllowedOrigins().stream().map(String::strip)
			.filter((origin) -> !origin.isEmpty())
			.toList());
		configuration.setAllowedMethods(cors.getAllowedMethods());
		configuration.setAllowedHeaders(cors.getAllowedHeaders());
		configuration.addExposedHeader("Location");
		configuration.setMaxAge(cors.getMaxAge());
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/api/**", configuration);
		return new CorsFilter(source);
	}

}
