package io.scriptorium.api.documents;

import io.scriptorium.workflows.document.DocumentStatus;
import io.scriptorium.workflows.document.DocumentType;
import io.scriptorium.workflows.document.Stage;
import io.scriptorium.workflows.failure.ErrorCode;
import io.scriptorium.workflows.failure.IngestionError;
import java.io.InputStream;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code documents} rows and their ORIGINAL blob. The worker's activities write the status columns while a
 * workflow runs; the API writes only at upload, retry and delete.
 */
@Repository
public class DocumentRepository {

	private static final String COLUMNS = "id, filename, content_type, sha256, size_bytes, status, stage, pages,"
			+ " chunks, embedding_model, warnings, error_code, error_message, error_stage, workflow_id, created_at,"
			+ " updated_at, title, language, collection, metadata, ocr_language,"
			+ " (SELECT array_agg(p.page ORDER BY p.page) FROM document_pages p"
			+ "  WHERE p.document_id = documents.id AND p.ocr_needed AND p.ocr_done) AS ocr_pages";

	private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final JsonMapper json;

	DocumentRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate, JsonMapper json) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.json = json;
	}

	public Optional<DocumentRecord> findById(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM documents WHERE id = ?")
			.param(id)
			.query(this::map)
			.optional();
	}

	public Optional<DocumentRecord> findBySha256(String sha256) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM documents WHERE sha256 = ?")
			.param(sha256)
			.query(this::map)
			.optional();
	}

	/**
	 * Newest first, after the cursor position if there is one.
	 * @param status only documents with this status, or all if null
	 */
	List<DocumentRecord> list(DocumentStatus status, ListCursor after, int limit) {
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM documents WHERE true");
		if (status != null) {
			sql.append(" AND status = :status");
		}
		if (after != null) {
			sql.append(" AND (created_at, id) < (:createdAt, :id)");
		}
		sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
		JdbcClient.StatementSpec spec = this.jdbc.sql(sql.toString()).param("limit", limit);
		if (status != null) {
			spec = spec.param("status", status.name());
		}
		if (after != null) {
			spec = spec.param("createdAt", OffsetDateTime.ofInstant(after.createdAt(), ZoneOffset.UTC))
				.param("id", after.id());
		}
		return spec.query(this::map).list();
	}

	/** READY documents whose chunks were embedded by another model than {@code model}, oldest first. */
	List<UUID> embeddedByOtherModel(String model, int limit) {
		return this.jdbc.sql("SELECT id FROM documents WHERE status = 'READY' AND embedding_model IS DISTINCT FROM ?"
				+ " ORDER BY created_at, id LIMIT ?")
			.params(model, limit)
			.query(UUID.class)
			.list();
	}

	long countEmbeddedByOtherModel(String model) {
		return this.jdbc.sql("SELECT count(*) FROM documents WHERE status = 'READY'"
				+ " AND embedding_model IS DISTINCT FROM ?")
			.param(model)
			.query(Long.class)
			.single();
	}

	/** A new PENDING document at stage UPLOAD. Throws DuplicateKeyException if its SHA-256 is known. */
	public void insert(UUID id, String filename, DocumentType type, String sha256, long sizeBytes, String workflowId,
			String collection, Map<String, String> metadata, String ocrLanguage) {
		String metadataJson = this.json.writeValueAsString(metadata);
		this.jdbc.sql("""
				INSERT INTO documents (id, filename, content_type, sha256, size_bytes, status, stage, workflow_id,
				                       collection, metadata, ocr_language)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?)""")
			.params(id, filename, type.name(), sha256, sizeBytes, DocumentStatus.PENDING.name(), Stage.UPLOAD.name(),
					workflowId, collection, metadataJson, ocrLanguage)
			.update();
	}

	/** Streams the original bytes into {@code document_blobs}; the driver sends them without a copy in memory. */
	public void insertOriginal(UUID id, InputStream content, long sizeBytes) {
		this.jdbcTemplate.update(
				"INSERT INTO document_blobs (document_id, kind, content, size_bytes) VALUES (?, ?, ?, ?)",
				ps -> {
					ps.setObject(1, id);
					ps.setString(2, "ORIGINAL");
					ps.setBinaryStream(3, content, sizeBytes);
					ps.setLong(4, sizeBytes);
				});
	}

	/**
	 * Prepares a new run: PENDING at UPLOAD again, with no counts, warnings or error, and without what the last
	 * run derived (converted PDF, pages, chunks). Only from a terminal status, checked in the same statement, so
	 * two concurrent retries cannot both win.
	 * @return whether the document was reset
	 */
	public boolean resetForNewRun(UUID id, List<DocumentStatus> from) {
		int updated = this.jdbc.sql("""
				UPDATE documents SET status = :pending, stage = :upload, pages = NULL, chunks = NULL,
				    chunks_embedded = NULL, embedding_model = NULL, warnings = '{}', error_code = NULL,
				    error_message = NULL, error_stage = NULL, updated_at = now()
				WHERE id = :id AND status IN (:from)""")
			.param("pending", DocumentStatus.PENDING.name())
			.param("upload", Stage.UPLOAD.name())
			.param("id", id)
			.param("from", from.stream().map(Enum::name).toList())
			.update();
		if (updated == 0) {
			return false;
		}
		this.jdbc.sql("DELETE FROM chunks WHERE document_id = ?").param(id).update();
		this.jdbc.sql("DELETE FROM document_pages WHERE document_id = ?").param(id).update();
		this.jdbc.sql("DELETE FROM document_blobs WHERE document_id = ? AND kind <> 'ORIGINAL'").param(id).update();
		return true;
	}

	/** Records that a new run could not even start, so that the document does not stay PENDING. */
	public void markStartFailed(UUID id, String message) {
		this.jdbc.sql("""
				UPDATE documents SET status = :failed, error_code = :code, error_message = :message,
				    error_stage = :stage, updated_at = now()
				WHERE id = :id AND status = :pending""")
			.param("failed", DocumentStatus.FAILED.name())
			.param("code", ErrorCode.UNAVAILABLE.name())
			.param("message", message)
			.param("stage", Stage.UPLOAD.name())
			.param("id", id)
			.param("pending", DocumentStatus.PENDING.name())
			.update();
	}

	/** Deletes the document; blobs, pages and chunks go with it (ON DELETE CASCADE). */
	public boolean delete(UUID id) {
		return this.jdbc.sql("DELETE FROM documents WHERE id = ?").param(id).update() > 0;
	}

	private DocumentRecord map(ResultSet rs, int row) throws SQLException {
		String errorCode = rs.getString("error_code");
		IngestionError error = (errorCode != null)
				? new IngestionError(ErrorCode.fromFailureType(errorCode).orElse(ErrorCode.INTERNAL_ERROR),
						rs.getString("error_message"), stage(rs.getString("error_stage")))
				: null;
		return new DocumentRecord(rs.getObject("id", UUID.class), rs.getString("filename"),
				DocumentType.valueOf(rs.getString("content_type")), rs.getString("sha256"), rs.getLong("size_bytes"),
				DocumentStatus.valueOf(rs.getString("status")), stage(rs.getString("stage")), integer(rs, "pages"),
				integer(rs, "chunks"), rs.getString("embedding_model"), strings(rs.getArray("warnings")), error,
				rs.getString("workflow_id"), instant(rs, "created_at"), instant(rs, "updated_at"),
				rs.getString("title"), rs.getString("language"), rs.getString("collection"),
				metadata(rs.getString("metadata")), rs.getString("ocr_language"), integers(rs.getArray("ocr_pages")));
	}

	private Map<String, String> metadata(String column) {
		return (column != null) ? this.json.readValue(column, METADATA) : Map.of();
	}

	private static Stage stage(String value) {
		return (value != null) ? Stage.valueOf(value) : null;
	}

	private static Integer integer(ResultSet rs, String column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

	private static List<String> strings(Array array) throws SQLException {
		return (array != null) ? Arrays.asList((String[]) array.getArray()) : List.of();
	}

	private static List<Integer> integers(Array array) throws SQLException {
		return (array != null) ? Arrays.asList((Integer[]) array.getArray()) : List.of();
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
