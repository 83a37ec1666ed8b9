package io.scriptorium.api.security;

import jakarta.servlet.http.HttpServletRequest;

/** How the filters here read a request's path. */
final class RequestPaths {

	private RequestPaths() {
	}

	/**
	 * The path as the servlet container decoded and normalised it (no {@code ;params}, no {@code ..}, no context
	 * path): the one Spring MVC routes by, so that no spelling of a URL reaches a handler around a check.
	 */
	static String of(HttpServletRequest request) {
		String servletPath = request.getServletPath();
		String pathInfo = request.getPathInfo();
		String path = ((servletPath != null) ? servletPath : "") + ((pathInfo != null) ? pathInfo : "");
		return path.isEmpty() ? "/" : path.replaceAll("/{2,}", "/");
	}

}
