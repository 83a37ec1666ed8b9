package io.scriptorium.worker.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.scriptorium.workflows.embeddingmodel.EmbeddingModelProperties;
import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.document.DocumentType;
import io.scriptorium.workflows.document.Stage;
import io.scriptorium.workflows.document.Warning;
import io.scriptorium.workflows.failure.ErrorCode;
import io.scriptorium.workflows.failure.IngestionError;
import io.scriptorium.workflows.ingestion.DocumentStatusActivities;
import io.scriptorium.worker.indexing.ActivityStubs;
import io.scriptorium.worker.testing.PipelineContext;
import io.scriptorium.worker.testing.WorkerDatabase;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

class DocumentStatusActivitiesImplIT {

	private static WorkerDatabase database;

	private static ConfigurableApplicationContext context;

	private static ActivityStubs activities;

	private static DocumentStatusActivities status;

	@BeforeAll
	static void start() throws Exception {
		database = WorkerDatabase.create();
		context = PipelineContext.start(database, Map.of());
		activities = new ActivityStubs(context.getBean(DocumentStatusActivities.class));
		status = activities.stub(DocumentStatusActivities.class);
	}

	@AfterAll
	static void stop() throws Exception {
		PipelineContext.closeAll(activities, context, database);
	}

	@Test
	void recordStageSetsProcessingAtTheStageAndClearsAnEarlierError() {
		DocumentRef document = database.insertDocument(DocumentType.PDF, List.of());
		status.markFailed(document.documentId(),
				new IngestionError(ErrorCode.CONVERSION_FAILED, "'test.pdf': soffice crashed", Stage.CONVERT));
		OffsetDateTime before = row(document).updatedAt();

		status.recordStage(document.documentId(), Stage.EMBED);

		Row row = row(document);
		assertThat(row.status()).isEqualTo("PROCESSING");
		assertThat(row.stage()).isEqualTo("EMBED");
		assertThat(row.errorCode()).isNull();
		assertThat(row.errorMessage()).isNull();
		assertThat(row.errorStage()).isNull();
		assertThat(row.updatedAt()).isAfterOrEqualTo(before);
	}

	@Test
	void markReadyRecordsCountsModelAndWarningsAndIsIdempotent() {
		DocumentRef document = database.insertDocument(DocumentType.PDF, List.of());

		status.markReady(document.documentId(), 4, 21, List.of(Warning.NO_TEXT_LAYER));
		status.markReady(document.documentId(), 4, 21, List.of(Warning.NO_TEXT_LAYER));

		Row row = row(document);
		assertThat(row.status()).isEqualTo("READY");
		assertThat(row.stage()).isEqualTo("DONE");
		assertThat(row.pages()).isEqualTo(4);
		assertThat(row.chunks()).isEqualTo(21);
		assertThat(row.embeddingModel()).isEqualTo(new EmbeddingModelProperties().toSettings().model());
		assertThat(row.warnings()).isEqualTo("{NO_TEXT_LAYER}");
		assertThat(row.errorCode()).isNull();
	}

	@Test
	void markReadyStoresNoPageCountForTextFormats() {
		for (DocumentType type : List.of(DocumentType.TXT, DocumentType.MD, DocumentType.HTML)) {
			DocumentRef document = database.insertDocument(type, List.of());

			status.markReady(document.documentId(), 3, 7, List.of());

			assertThat(row(document).pages()).as(type.name()).isNull();
			assertThat(row(document).chunks()).isEqualTo(7);
			assertThat(row(document).warnings()).isEqualTo("{}");
		}
	}

	@Test
	void markFailedRecordsCodeMessageAndStage() {
		DocumentRef document = database.insertDocument(DocumentType.DOCX, List.of());

		status.markFailed(document.documentId(),
				new IngestionError(ErrorCode.ENCRYPTED_DOCUMENT, "'secret.docx': the document is encrypted",
						Stage.CONVERT));

		Row row = row(document);
		assertThat(row.status()).isEqualTo("FAILED");
		assertThat(row.stage()).isEqualTo("CONVERT");
		assertThat(row.errorCode()).isEqualTo("ENCRYPTED_DOCUMENT");
		assertThat(row.errorMessage()).isEqualTo("'secret.docx': the document is encrypted");
		assertThat(row.errorStage()).isEqualTo("CONVERT");
	}

	@Test
	void markCancelledSetsCancelled() {
		DocumentRef document = database.insertDocument(DocumentType.PDF, List.of());
		status.recordStage(document.documentId(), Stage.PARSE);

		status.markCancelled(document.documentId());

		assertThat(row(document).status()).isEqualTo("CANCELLED");
		assertThat(row(document).stage()).isEqualTo("PARSE");
	}

	@Test
	void updatesOfADeletedDocumentAreNoOps() {
		UUID deleted = UUID.randomUUID();
		int before = documentCount();

		status.recordStage(deleted, Stage.CHUNK);
		status.markReady(deleted, 1, 1, List.of());
		status.markFailed(deleted, new IngestionError(ErrorCode.INTERNAL_ERROR, "x", Stage.INDEX));
		status.markCancelled(deleted);

		assertThat(documentCount()).isEqualTo(before);
		assertThat(database.jdbc().sql("SELECT count(*) FROM documents WHERE id = ?").param(deleted)
			.query(Integer.class).single()).isZero();
	}

	private static int documentCount() {
		return database.jdbc().sql("SELECT count(*) FROM documents").query(Integer.class).single();
	}

	private static Row row(DocumentRef document) {
		return database.jdbc()
			.sql("""
					SELECT status, stage, pages, chunks, embedding_model, warnings::text, error_code, error_message,
					       error_stage, updated_at FROM documents WHERE id = ?""")
			.param(document.documentId())
			.query((rs, n) -> new Row(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3),
					(Integer) rs.getObject(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
					rs.getString(9), rs.getObject(10, OffsetDateTime.class)))
			.single();
	}

	private record Row(String status, String stage, Integer pages, Integer chunks, String embeddingModel,
			String warnings, String errorCode, String errorMessage, String errorStage, OffsetDateTime updatedAt) {
	}

}
