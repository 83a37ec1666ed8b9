package io.scriptorium.workflows.document;

import java.util.List;
import java.util.Set;

/**
 * The {@code document_events} table, which the trigger of migration V6 fills, as its readers (the API's event
 * streams, the webhook dispatcher) must read it: by position, (tx, id), and only final events. Sequence values are
 * taken before commit, so an event with a smaller id can commit after one with a larger id; an event below the
 * oldest running transaction can no longer be preceded by one that appears later.
 */
public final class DocumentEvents {

	/** The event types, as the trigger names them. */
	public static final List<String> TYPES = List.of("document.created", "document.stage", "document.progress",
			"document.ready", "document.failed", "document.cancelled", "document.deleted");

	/** After these a document has nothing more to report until it is run again. */
	public static final Set<String> FINAL_TYPES = Set.of("document.ready", "document.failed", "document.cancelled",
			"document.deleted");

	/** SQL condition: the event is final. */
	public static final String IS_FINAL = "tx < pg_snapshot_xmin(pg_current_snapshot())";

	/** SQL condition: the event comes after the position given as {@code :tx} (text) and {@code :id}. */
	public static final String IS_AFTER = "(tx, id) > (CAST(:tx AS xid8), :id)";

	/** SQL expression: the transaction as text, which JDBC reads into a long. */
	public static final String TX = "tx::text AS tx";

	private DocumentEvents() {
	}

}
