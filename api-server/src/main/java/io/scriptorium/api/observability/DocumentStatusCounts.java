package io.scriptorium.api.observability;

import io.scriptorium.workflows.document.DocumentStatus;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How many documents have each status, read with one grouped count and kept for {@link #MAX_AGE}: every scrape
 * (and every replica's scrape) asks for all statuses at once, so one query serves them all and the database sees
 * at most one every few seconds per replica.
 */
@Component
class DocumentStatusCounts {

	static final Duration MAX_AGE = Duration.ofSeconds(5);

	private static final Logger log = LoggerFactory.getLogger(DocumentStatusCounts.class);

	private final JdbcClient jdbc;

	/** Null while the database cannot say (down, or the schema not migrated yet). */
	private Map<DocumentStatus, Long> counts;

	private long readAt;

	private boolean everRead;

	DocumentStatusCounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The number of documents with this status; NaN while the database cannot say. */
	synchronized double count(DocumentStatus status) {
		// A failed read is kept as long as a good one, so that a scrape while the database is down waits once.
		if (!this.everRead || System.nanoTime() - this.readAt > MAX_AGE.toNanos()) {
			this.counts = read();
			this.readAt = System.nanoTime();
			this.everRead = true;
		}
		return (this.counts != null) ? this.counts.getOrDefault(status, 0L) : Double.NaN;
	}

	private Map<DocumentStatus, Long> read() {
		try {
			Map<DocumentStatus, Long> fresh = new EnumMap<>(DocumentStatus.class);
			this.jdbc.sql("SELECT status, count(*) AS documents FROM documents GROUP BY status")
				.query((row, rowNum) -> Map.entry(row.getString("status"), row.getLong("documents")))
				.list()
				.forEach((entry) -> {
					for (DocumentStatus status : DocumentStatus.values()) {
						if (status.name().equals(entry.getKey())) {
							fresh.put(status, entry.getValue());
						}
					}
				});
			return fresh;
		}
		catch (DataAccessException ex) {
			log.debug("Could not count documents by status", ex);
			return null;
		}
	}

}
