package io.scriptorium.api.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.scriptorium.api.system.ApiPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code scriptorium_uploads_total{outcome=...}}: uploads by what became of them, read from the response status
 * the upload endpoint documents (202 accepted, 200 duplicate, 4xx rejected, 5xx failed). A filter rather than
 * code in the controller, because an oversized file is refused (413) before any handler runs.
 */
@Component
class UploadMetricsFilter extends OncePerRequestFilter {

	static final String UPLOADS = "scriptorium.uploads";


	private final MeterRegistry registry;

	UploadMetricsFilter(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod()) && ApiPaths.DOCUMENTS.equals(request.getRequestURI()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean completed = false;
		try {
			chain.doFilter(request, response);
			completed = true;
		}
		finally {
			count(completed ? outcome(response.getStatus()) : "failed");
		}
	}

	static String outcome(int status) {
		if (status == HttpServletResponse.SC_ACCEPTED) {
			return "accepted";
		}
		if (status == HttpServletResponse.SC_OK) {
			return "duplicate";
		}
		if (status >= 400 && status < 500) {
			return "rejected";
		}
		return "failed";
	}

	private void count(String outcome) {
		Counter.builder(UPLOADS)
			.description("Document uploads by outcome: accepted, duplicate, rejected, failed")
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
	}

}
