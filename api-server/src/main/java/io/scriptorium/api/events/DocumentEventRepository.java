package io.scriptorium.api.events;

import io.scriptorium.workflows.document.DocumentEvent;
import io.scriptorium.workflows.document.DocumentEvents;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads {@code document_events} in position order ({@link DocumentEvents}): live readers only final events, so a
 * reader that moves past one never misses another.
 */
@Repository
class DocumentEventRepository {

	private static final String COLUMNS = DocumentEvents.TX + ", " + DocumentEvent.COLUMNS;

	private static final String FINAL = DocumentEvents.IS_FINAL;

	private static final String AFTER = DocumentEvents.IS_AFTER;

	private final JdbcClient jdbc;

	DocumentEventRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The position of the last final event: a new reader starts there. */
	EventPosition head() {
		return this.jdbc.sql("SELECT " + DocumentEvents.TX + ", id FROM document_events WHERE " + FINAL
				+ " ORDER BY tx DESC, id DESC LIMIT 1")
			.query(this::position)
			.optional()
			.orElse(EventPosition.START);
	}

	/** The final events after {@code from}, oldest first. */
	List<StoredEvent> after(EventPosition from, int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM document_events WHERE " + AFTER + " AND " + FINAL
				+ " ORDER BY tx, id LIMIT :limit")
			.param("tx", Long.toString(from.tx()))
			.param("id", from.id())
			.param("limit", limit)
			.query(this::map)
			.list();
	}

	/**
	 * The events a stream missed: those of {@code filter} after {@code from} up to {@code upTo} (the position the
	 * live events continue from), the newest {@code limit} of them, oldest first.
	 */
	List<StoredEvent> between(EventFilter filter, EventPosition from, EventPosition upTo, int limit) {
		return this.jdbc.sql("SELECT * FROM (SELECT " + COLUMNS + " FROM document_events WHERE " + AFTER
				+ " AND (tx, id) <= (CAST(:upToTx AS xid8), :upToId)"
				+ " AND (CAST(:document AS uuid) IS NULL OR document_id = CAST(:document AS uuid))"
				+ " AND (CAST(:collection AS text) IS NULL OR collection = :collection)"
				+ " ORDER BY tx DESC, id DESC LIMIT :limit) newest ORDER BY tx, id")
			.param("tx", Long.toString(from.tx()))
			.param("id", from.id())
			.param("upToTx", Long.toString(upTo.tx()))
			.param("upToId", upTo.id())
			.param("document", filter.documentId())
			.param("collection", filter.collection())
			.param("limit", limit)
			.query(this::map)
			.list();
	}

	/** The event with this id, as a reconnecting client names it in Last-Event-ID. */
	Optional<StoredEvent> find(long eventId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM document_events WHERE id = ?")
			.param(eventId)
			.query(this::map)
			.optional();
	}

	/**
	 * Where a document's stream without Last-Event-ID starts: after the final event of its last run before the
	 * current one, so that a document run again (retry, reprocess) replays only its current run; at the start for a
	 * document that has had one run or none.
	 */
	EventPosition currentRunStart(UUID documentId) {
		List<EventPosition> finals = this.jdbc.sql("SELECT " + DocumentEvents.TX + ", id FROM document_events"
				+ " WHERE document_id = :document AND type IN (:finals) ORDER BY tx DESC, id DESC LIMIT 2")
			.param("document", documentId)
			.param("finals", DocumentEvents.FINAL_TYPES)
			.query(this::position)
			.list();
		if (finals.isEmpty()) {
			return EventPosition.START;
		}
		EventPosition newest = this.jdbc.sql("SELECT " + DocumentEvents.TX + ", id FROM document_events"
				+ " WHERE document_id = ? ORDER BY tx DESC, id DESC LIMIT 1")
			.param(documentId)
			.query(this::position)
			.single();
		if (!finals.get(0).equals(newest)) {
			return finals.get(0);
		}
		return (finals.size() > 1) ? finals.get(1) : EventPosition.START;
	}

	boolean existsFor(UUID documentId) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM document_events WHERE document_id = ?)")
			.param(documentId)
			.query(Boolean.class)
			.single();
	}

	int deleteOlderThan(Instant cutoff) {
		return this.jdbc.sql("DELETE FROM document_events WHERE created_at < ?")
			.param(Timestamp.from(cutoff))
			.update();
	}

	private EventPosition position(ResultSet rs, int row) throws SQLException {
		return new EventPosition(Long.parseLong(rs.getString("tx")), rs.getLong("id"));
	}

	private StoredEvent map(ResultSet rs, int row) throws SQLException {
		return new StoredEvent(position(rs, row), DocumentEvent.read(rs));
	}

}
