package io.scriptorium.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything else sees them, requests whose URL or headers could be read two ways: {@code ..} and
 * {@code .} segments, {@code ;} parameters, encoded periods, slashes and backslashes, double slashes, control
 * characters. The servlet container normalises such a path for routing, but Spring MVC and the actuator match the
 * raw one, so that {@code /actuator/health/../../api/v1/documents} reached the health endpoint with a group named
 * {@code ../../api/v1/documents} (a 500), and a filter that checks one spelling could be passed by another. Spring
 * Security's {@link StrictHttpFirewall} knows every such spelling; it is used here alone, as a filter. The answer is
 * a 400 problem with code {@code INVALID_REQUEST}, with fixed text: it never echoes the request.
 */
class RequestFirewallFilter extends OncePerRequestFilter {

	static final String REJECTED_BODY = """
			{"type":"about:blank","title":"Bad Request","status":400,\
			"detail":"The request URL or a header is malformed (path traversal, path parameters, \
			encoded separators or control characters)",\
			"code":"INVALID_REQUEST"}""";

	private final StrictHttpFirewall firewall = new StrictHttpFirewall();

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpServletRequest checked;
		try {
			checked = this.firewall.getFirewalledRequest(request);
		}
		catch (RequestRejectedException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			response.getWriter().write(REJECTED_BODY);
			return;
		}
		chain.doFilter(checked, this.firewall.getFirewalledResponse(response));
	}

}
