package io.scriptorium.api.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.scriptorium.workflows.document.DocumentStatus;
import org.springframework.stereotype.Component;

/**
 * {@code scriptorium_documents{status=...}}: the documents in the database by status, one gauge per status so
 * that a status with no documents reads 0 rather than disappearing. Shared by all replicas (it counts rows, not
 * this process's uploads), so aggregate with {@code max}, not {@code sum}.
 */
@Component
class DocumentMetrics implements MeterBinder {

	static final String DOCUMENTS = "scriptorium.documents";

	private final DocumentStatusCounts counts;

	DocumentMetrics(DocumentStatusCounts counts) {
		this.counts = counts;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (DocumentStatus status : DocumentStatus.values()) {
			Gauge.builder(DOCUMENTS, this.counts, (counts) -> counts.count(status))
				.description("Documents in the database by status")
				.tag("status", status.name())
				.register(registry);
		}
	}

}
