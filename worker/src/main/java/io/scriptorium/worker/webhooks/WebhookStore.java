package io.scriptorium.worker.webhooks;

import io.scriptorium.workflows.document.DocumentEvent;
import io.scriptorium.workflows.document.DocumentEvents;
import io.scriptorium.workflows.webhooks.DispatchCursor;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The webhook tables and the document events they deliver. */
@Repository
class WebhookStore {

	private final JdbcClient jdbc;

	WebhookStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Where a dispatcher without a cursor starts: after the last final event, so it delivers from now on. */
	DispatchCursor head() {
		return this.jdbc.sql("SELECT " + DocumentEvents.TX + ", id FROM document_events WHERE "
				+ DocumentEvents.IS_FINAL + " ORDER BY tx DESC, id DESC LIMIT 1")
			.query((rs, row) -> new DispatchCursor(Long.parseLong(rs.getString("tx")), rs.getLong("id")))
			.optional()
			.orElse(new DispatchCursor(0, 0));
	}

	/** The positions of the final events after {@code after}, oldest first. */
	List<DispatchCursor> eventsAfter(DispatchCursor after, int limit) {
		return this.jdbc.sql("SELECT " + DocumentEvents.TX + ", id FROM document_events WHERE "
				+ DocumentEvents.IS_AFTER + " AND " + DocumentEvents.IS_FINAL + " ORDER BY tx, id LIMIT :limit")
			.param("tx", Long.toString(after.tx()))
			.param("id", after.id())
			.param("limit", limit)
			.query((rs, row) -> new DispatchCursor(Long.parseLong(rs.getString("tx")), rs.getLong("id")))
			.list();
	}

	/**
	 * The endpoints each of these events goes to, in event order: subscribed to its type and registered before the
	 * event happened; an upload's callback only for its document, and only the first of its events there (the end
	 * of the run it was given with, not of later runs).
	 */
	List<Target> targets(List<Long> eventIds) {
		return this.jdbc.sql("""
				SELECT e.id AS event_id, w.id AS endpoint_id FROM document_events e
				JOIN webhook_endpoints w ON e.type = ANY (w.events) AND w.created_at <= e.created_at
				    AND (w.document_id IS NULL OR (w.document_id = e.document_id AND NOT EXISTS (
				        SELECT 1 FROM document_events earlier WHERE earlier.document_id = e.document_id
				        AND earlier.type = ANY (w.events) AND earlier.created_at >= w.created_at
				        AND (earlier.tx, earlier.id) < (e.tx, e.id))))
				WHERE e.id = ANY (CAST(? AS bigint[])) ORDER BY e.tx, e.id""")
			.param(eventIds.toArray(new Long[0]))
			.query((rs, row) -> new Target(rs.getObject("endpoint_id", UUID.class), rs.getLong("event_id")))
			.list();
	}

	Optional<Endpoint> endpoint(UUID id) {
		return this.jdbc.sql("SELECT url, secret FROM webhook_endpoints WHERE id = ?")
			.param(id)
			.query((rs, row) -> new Endpoint(id, rs.getString("url"), rs.getString("secret")))
			.optional();
	}

	Optional<DocumentEvent> event(long id) {
		return this.jdbc.sql("SELECT " + DocumentEvent.COLUMNS + " FROM document_events WHERE id = ?")
			.param(id)
			.query((rs, row) -> DocumentEvent.read(rs))
			.optional();
	}

	/** A retried activity records its attempt again under the same key: the row is overwritten. */
	void recordAttempt(UUID endpointId, DocumentEvent event, int attempt, Integer statusCode, String error,
			long millis) {
		this.jdbc.sql("""
				INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, attempt, status_code, error,
				                                delivered, duration_ms)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (endpoint_id, event_id, attempt) DO UPDATE SET status_code = EXCLUDED.status_code,
				    error = EXCLUDED.error, delivered = EXCLUDED.delivered, duration_ms = EXCLUDED.duration_ms,
				    attempted_at = now()""")
			.params(endpointId, event.id(), event.type(), attempt, statusCode, error, error == null, (int) millis)
			.update();
	}

	/** An event for an endpoint. */
	record Target(UUID endpointId, long eventId) {
	}

	record Endpoint(UUID id, String url, String secret) {
	}

}
