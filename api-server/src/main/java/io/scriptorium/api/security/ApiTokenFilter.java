package io.scriptorium.api.security;

import io.scriptorium.api.console.ConsolePaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * When tokens are configured, {@code /api/**} and every other path except health, the OpenAPI description, the
 * console's static files and (unless {@code protectMetrics}) the actuator require
 * {@code Authorization: Bearer <token>}; a request without a
 * valid one is answered 401 with a problem detail whose code is
 * {@code UNAUTHORIZED}. A plain servlet filter rather than Spring Security: one header check does not need a
 * framework. Health stays open because orchestrators probe it without credentials.
 */
class ApiTokenFilter extends OncePerRequestFilter {

	static final String ACTUATOR_PREFIX = "/actuator";

	static final String HEALTH = "/actuator/health";

	private static final String BEARER = "Bearer ";

	/** Fixed text: an error body never echoes what the client sent, which might be a mistyped token. */
	static final String UNAUTHORIZED_BODY = """
			{"type":"about:blank","title":"Unauthorized","status":401,\
			"detail":"This API requires an 'Authorization: Bearer <token>' header with a valid token",\
			"code":"UNAUTHORIZED"}""";

	private final ApiTokens tokens;

	private final boolean protectMetrics;

	ApiTokenFilter(ApiTokens tokens, boolean protectMetrics) {
		this.tokens = tokens;
		this.protectMetrics = protectMetrics;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		// A CORS preflight never carries credentials; the CORS filter before this one answers it.
		return this.tokens.isEmpty() || CorsUtils.isPreFlightRequest(request) || !isProtected(RequestPaths.of(request));
	}

	/**
	 * Closed unless known to be open: health always, the OpenAPI description, the console's page and files (they
	 * hold no data: the page asks for the token and sends it to {@code /api/**}), and the other actuator endpoints
	 * unless {@code protectMetrics}. Deny by default, so that a new endpoint is never public by accident.
	 */
	boolean isProtected(String path) {
		if (path.equals(HEALTH) || path.startsWith(HEALTH + "/")) {
			return false;
		}
		if (path.equals(ACTUATOR_PREFIX) || path.startsWith(ACTUATOR_PREFIX + "/")) {
			return this.protectMetrics;
		}
		return !(path.startsWith("/v3/api-docs") || path.startsWith("/swagger-ui") || ConsolePaths.isConsole(path));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.tokens.accepts(bearerToken(request))) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"scriptorium\"");
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(UNAUTHORIZED_BODY);
	}

	static String bearerToken(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || header.length() <= BEARER.length()
				|| !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return null;
		}
		return header.substring(BEARER.length()).strip();
	}

}
