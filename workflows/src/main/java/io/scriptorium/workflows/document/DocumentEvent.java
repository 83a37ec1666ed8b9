package io.scriptorium.workflows.document;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * A change of a document, as the event streams send it and webhooks carry it as their {@code data}: its
 * {@code type} (document.created, .stage, .progress, .ready, .failed, .cancelled, .deleted) and the document's
 * status, stage and counts after it. One row of {@code document_events}.
 */
public record DocumentEvent(long id, String type, UUID documentId, String filename, String collection,
		String status, String stage, Integer pages, Integer chunks, Integer chunksEmbedded, String errorCode,
		String errorMessage, Instant at) {

	/** The columns {@link #read(ResultSet)} reads. */
	public static final String COLUMNS = "id, type, document_id, filename, collection, status, stage, pages, chunks,"
			+ " chunks_embedded, error_code, error_message, created_at";

	/** The event of the current row of a query that selected {@link #COLUMNS}. */
	public static DocumentEvent read(ResultSet rs) throws SQLException {
		return new DocumentEvent(rs.getLong("id"), rs.getString("type"), rs.getObject("document_id", UUID.class),
				rs.getString("filename"), rs.getString("collection"), rs.getString("status"), rs.getString("stage"),
				rs.getObject("pages", Integer.class), rs.getObject("chunks", Integer.class),
				rs.getObject("chunks_embedded", Integer.class), rs.getString("error_code"),
				rs.getString("error_message"), rs.getTimestamp("created_at").toInstant());
	}

	/** After these a document has nothing more to report until it is run again. */
	public boolean isFinal() {
		return DocumentEvents.FINAL_TYPES.contains(this.type);
	}

}
