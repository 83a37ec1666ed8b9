package io.scriptorium.worker.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import com.pgvector.PGvector;
import io.scriptorium.worker.chunking.ChunkingProperties;
import io.scriptorium.workflows.embeddingmodel.EmbeddingModelProperties;
import io.scriptorium.workflows.chunking.ChunkingActivities;
import io.scriptorium.workflows.chunking.ChunkingResult;
import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.document.DocumentType;
import io.scriptorium.workflows.embedding.EmbeddingActivities;
import io.scriptorium.workflows.failure.ErrorCode;
import io.scriptorium.workflows.indexing.IndexingActivities;
import io.scriptorium.worker.indexing.ActivityStubs;
import io.scriptorium.worker.indexing.CorpusText;
import io.scriptorium.worker.testing.PipelineContext;
import io.scriptorium.worker.testing.WorkerDatabase;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Chunk, embed and publish a real document against PostgreSQL with the in-process model. */
class EmbeddingActivitiesImplIT {

	private static WorkerDatabase database;

	private static ConfigurableApplicationContext context;

	private static ActivityStubs activities;

	private static ChunkingActivities chunking;

	private static EmbeddingActivities embedding;

	private static IndexingActivities indexing;

	private static List<String> pages;

	@BeforeAll
	static void start() throws Exception {
		database = WorkerDatabase.create();
		context = PipelineContext.start(database, Map.of());
		activities = new ActivityStubs(context.getBean(ChunkingActivities.class),
				context.getBean(EmbeddingActivities.class), context.getBean(IndexingActivities.class));
		chunking = activities.stub(ChunkingActivities.class);
		embedding = activities.stub(EmbeddingActivities.class);
		indexing = activities.stub(IndexingActivities.class);
		pages = CorpusText.pdfPages(CorpusText.GAO_DECISION);
	}

	@AfterAll
	static void stop() throws Exception {
		PipelineContext.closeAll(activities, context, database);
	}

	@Test
	void documentIsChunkedEmbeddedInTwoBatchesAndPublished() {
		DocumentRef document = database.insertDocument(DocumentType.PDF, pages);

		ChunkingResult result = chunking.chunkText(document);
		int chunks = result.chunks();
		int half = chunks / 2;

		assertThat(chunks).isGreaterThan(pages.size());
		assertThat(result.batchSize()).isEqualTo(64);
		assertThat(result.parallelBatches()).isEqualTo(2);
		assertThat(pagesOfChunks(document)).startsWith(1).endsWith(4).isSorted();
		assertThat(embedding.embedChunks(document, 0, half)).isEqualTo(half);

		ApplicationFailure early = failureOf(() -> indexing.publishChunks(document));
		assertThat(early.getType()).isEqualTo(ErrorCode.INTERNAL_ERROR.name());
		assertThat(early.isNonRetryable()).isFalse();
		assertThat(early.getOriginalMessage()).contains((chunks - half) + " chunks have no vector");

		assertThat(embedding.embedChunks(document, half, chunks)).isEqualTo(chunks - half);
		assertThat(indexing.publishChunks(document)).isEqualTo(chunks);

		JdbcClient jdbc = database.jdbc();
		assertThat(jdbc.sql("""
				SELECT count(*) FROM chunks WHERE document_id = ? AND searchable AND vector_dims(embedding) = 384
				AND embedding_model = ?""").params(document.documentId(), new EmbeddingModelProperties().toSettings().model())
			.query(Integer.class)
			.single()).isEqualTo(chunks);
		assertThat(jdbc.sql("SELECT max(token_count) FROM chunks WHERE document_id = ?")
			.param(document.documentId())
			.query(Integer.class)
			.single()).isLessThanOrEqualTo(new ChunkingProperties().getMaxTokens());
	}

	@Test
	void eachChunksVectorIsFoundByItsOwnText() {
		DocumentRef document = database.insertDocument(DocumentType.PDF, pages);
		int chunks = chunking.chunkText(document).chunks();
		embedding.embedChunks(document, 0, chunks);
		indexing.publishChunks(document);
		var model = context.getBean(dev.langchain4j.model.embedding.EmbeddingModel.class);

		for (int index : List.of(0, chunks / 2, chunks - 1)) {
			String text = database.jdbc()
				.sql("SELECT text FROM chunks WHERE document_id = ? AND chunk_index = ?")
				.params(document.documentId(), index)
				.query(String.class)
				.single();
			PGvector query = new PGvector(model.embed(text).content().vector());
			Integer nearest = database.jdbc()
				.sql("SELECT chunk_index FROM chunks WHERE document_id = ? AND searchable"
						+ " ORDER BY embedding <=> ? LIMIT 1")
				.params(document.documentId(), query)
				.query(Integer.class)
				.single();
			assertThat(nearest).isEqualTo(index);
		}
	}

	@Test
	void rerunningChunkingAndEmbeddingLeavesOneRowPerChunk() {
		DocumentRef document = database.insertDocument(DocumentType.PDF, pages);
		int chunks = chunking.chunkText(document).chunks();
		embedding.embedChunks(document, 0, chunks);
		String firstVector = vectorOf(document, 0);

		assertThat(embedding.embedChunks(document, 0, chunks)).isEqualTo(chunks);
		assertThat(vectorOf(document, 0)).isEqualTo(firstVector);
		assertThat(rowsAndDistinctIndexes(document)).containsExactly(chunks, chunks, chunks - 1);

		assertThat(chunking.chunkText(document).chunks()).isEqualTo(chunks);
		assertThat(rowsAndDistinctIndexes(document)).containsExactly(chunks, chunks, chunks - 1);
		assertThat(database.jdbc()
			.sql("SELECT count(*) FROM chunks WHERE document_id = ? AND embedding IS NULL AND NOT searchable")
			.param(document.documentId())
			.query(Integer.class)
			.single()).isEqualTo(chunks);
	}

	@Test
	void textDocumentChunksHaveNoPage() {
		DocumentRef document = database.insertDocument(DocumentType.TXT, pages);

		int chunks = chunking.chunkText(document).chunks();

		assertThat(chunks).isGreaterThan(pages.size());
		assertThat(database.jdbc()
			.sql("SELECT count(*) FROM chunks WHERE document_id = ? AND page IS NULL")
			.param(document.documentId())
			.query(Integer.class)
			.single()).isEqualTo(chunks);
	}

	@Test
	void deletedDocumentEmbedsNothingAndCannotBeChunked() {
		DocumentRef document = database.insertDocument(DocumentType.PDF, pages);
		int chunks = chunking.chunkText(document).chunks();
		database.deleteDocument(document);

		assertThat(embedding.embedChunks(document, 0, chunks)).isZero();
		ApplicationFailure failure = failureOf(() -> chunking.chunkText(document));
		assertThat(failure.getType()).isEqualTo(ErrorCode.DOCUMENT_NOT_FOUND.name());
		assertThat(failure.isNonRetryable()).isTrue();
		assertThat(failure.getOriginalMessage()).contains(document.filename());
	}

	@Test
	void documentWithoutTextHasNoChunksAndPublishesNothing() {
		DocumentRef document = database.insertDocument(DocumentType.PDF, List.of("", "  \n "));

		ChunkingResult result = chunking.chunkText(document);

		assertThat(result.chunks()).isZero();
		assertThat(indexing.publishChunks(document)).isZero();
	}

	private static List<Integer> pagesOfChunks(DocumentRef document) {
		return database.jdbc()
			.sql("SELECT page FROM chunks WHERE document_id = ? ORDER BY chunk_index")
			.param(document.documentId())
			.query(Integer.class)
			.list();
	}

	private static String vectorOf(DocumentRef document, int index) {
		return database.jdbc()
			.sql("SELECT embedding::text FROM chunks WHERE document_id = ? AND chunk_index = ?")
			.params(document.documentId(), index)
			.query(String.class)
			.single();
	}

	private static List<Integer> rowsAndDistinctIndexes(DocumentRef document) {
		return database.jdbc()
			.sql("SELECT count(*)::int, count(DISTINCT chunk_index)::int, max(chunk_index) FROM chunks"
					+ " WHERE document_id = ?")
			.param(document.documentId())
			.query((row, n) -> List.of(row.getInt(1), row.getInt(2), row.getInt(3)))
			.single();
	}

	static ApplicationFailure failureOf(Runnable call) {
		try {
			call.run();
		}
		catch (RuntimeException thrown) {
			for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
				if (cause instanceof ApplicationFailure failure) {
					return failure;
				}
			}
			throw new AssertionError("No ApplicationFailure in " + thrown, thrown);
		}
		throw new AssertionError("The call should have failed");
	}

}
