package io.scriptorium.api.webhooks;

import io.scriptorium.workflows.WorkflowIds;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class WebhookRepository {

	private final JdbcClient jdbc;

	WebhookRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	WebhookEndpoint insert(String url, List<String> events, String secret, UUID documentId) {
		UUID id = UUID.randomUUID();
		Timestamp created = this.jdbc.sql("""
				INSERT INTO webhook_endpoints (id, url, events, secret, document_id) VALUES (?, ?, ?, ?, ?)
				RETURNING created_at""")
			.params(id, url, events.toArray(new String[0]), secret, documentId)
			.query(Timestamp.class)
			.single();
		return new WebhookEndpoint(id, url, events, documentId, created.toInstant(), secret);
	}

	/** The endpoints registered through the API; uploads' callbacks are listed with their documents. */
	List<WebhookEndpoint> list() {
		return this.jdbc.sql("SELECT id, url, events, document_id, created_at FROM webhook_endpoints"
				+ " WHERE document_id IS NULL ORDER BY created_at, id")
			.query(this::map)
			.list();
	}

	Optional<WebhookEndpoint> find(UUID id) {
		return this.jdbc.sql("SELECT id, url, events, document_id, created_at FROM webhook_endpoints WHERE id = ?")
			.param(id)
			.query(this::map)
			.optional();
	}

	void deleteCallback(UUID documentId, String secret) {
		this.jdbc.sql("DELETE FROM webhook_endpoints WHERE document_id = ? AND secret = ?")
			.params(documentId, secret)
			.update();
	}

	boolean delete(UUID id) {
		return this.jdbc.sql("DELETE FROM webhook_endpoints WHERE id = ?").param(id).update() > 0;
	}

	/** The newest attempts first. */
	List<WebhookDeliveryAttempt> deliveries(UUID endpointId, int limit) {
		return this.jdbc.sql("""
				SELECT event_id, event_type, attempt, status_code, delivered, error, duration_ms, attempted_at
				FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY attempted_at DESC, event_id DESC, attempt DESC
				LIMIT ?""")
			.params(endpointId, limit)
			.query((rs, row) -> new WebhookDeliveryAttempt(
					WorkflowIds.forWebhookDelivery(endpointId, rs.getLong("event_id")), rs.getLong("event_id"),
					rs.getString("event_type"), rs.getInt("attempt"), rs.getObject("status_code", Integer.class),
					rs.getBoolean("delivered"), rs.getString("error"), rs.getInt("duration_ms"),
					rs.getTimestamp("attempted_at").toInstant()))
			.list();
	}

	private WebhookEndpoint map(ResultSet rs, int row) throws SQLException {
		Array events = rs.getArray("events");
		return new WebhookEndpoint(rs.getObject("id", UUID.class), rs.getString("url"),
				Arrays.asList((String[]) events.getArray()), rs.getObject("document_id", UUID.class),
				rs.getTimestamp("created_at").toInstant(), null);
	}

}
