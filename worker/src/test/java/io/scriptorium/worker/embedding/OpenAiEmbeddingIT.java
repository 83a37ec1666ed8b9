package io.scriptorium.worker.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import com.pgvector.PGvector;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.scriptorium.workflows.chunking.ChunkingActivities;
import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.document.DocumentType;
import io.scriptorium.workflows.embedding.EmbeddingActivities;
import io.scriptorium.workflows.embeddingmodel.EmbeddingModelFactory;
import io.scriptorium.workflows.embeddingmodel.EmbeddingModelProperties;
import io.scriptorium.workflows.embeddingmodel.EmbeddingSettings;
import io.scriptorium.workflows.failure.ErrorCode;
import io.scriptorium.worker.indexing.ActivityStubs;
import io.scriptorium.worker.indexing.CorpusText;
import io.scriptorium.worker.testing.PipelineContext;
import io.scriptorium.worker.testing.WorkerDatabase;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code openai} provider through the real LangChain4j OpenAI client, against a local OpenAI-compatible
 * endpoint that embeds with the in-process model (no paid API).
 */
class OpenAiEmbeddingIT {

	private static final String API_KEY = "sk-test-5f1c2a";

	private static final String MODEL = "minilm-over-http";

	private static EmbeddingModel inProcess;

	private static OpenAiCompatibleServer server;

	private static WorkerDatabase database;

	private static ConfigurableApplicationContext context;

	private static ActivityStubs activities;

	@BeforeAll
	static void start() throws Exception {
		inProcess = EmbeddingModelFactory.create(new EmbeddingModelProperties().toSettings());
		server = new OpenAiCompatibleServer(inProcess);
		database = WorkerDatabase.create();
		context = PipelineContext.start(database,
				Map.of("scriptorium.embedding.provider", "openai", "scriptorium.embedding.openai.base-url",
						server.baseUrl(), "scriptorium.embedding.openai.api-key", API_KEY,
						"scriptorium.embedding.openai.model", MODEL, "scriptorium.embedding.max-tokens", 128,
						"scriptorium.embedding.timeout", "10s"));
		activities = new ActivityStubs(context.getBean(ChunkingActivities.class),
				context.getBean(EmbeddingActivities.class));
	}

	@AfterAll
	static void stop() throws Exception {
		PipelineContext.closeAll(activities, context, database, server);
	}

	@AfterEach
	void resetServer() {
		server.truncateVectorsTo(384);
		server.failWith(0);
		server.requests().clear();
	}

	@Test
	void openAiClientReturnsTheEndpointsVectorsAndSendsModelAndKey() {
		EmbeddingModelProperties properties = new EmbeddingModelProperties();
		properties.setProvider(EmbeddingSettings.OPENAI);
		properties.getOpenai().setBaseUrl(server.baseUrl());
		properties.getOpenai().setApiKey(API_KEY);
		properties.getOpenai().setModel(MODEL);
		properties.setTimeout(Duration.ofSeconds(10));
		EmbeddingModel openAi = EmbeddingModelFactory.create(properties.toSettings());
		List<String> texts = List.of("The protest is denied.", "The agency's evaluation was reasonable.",
				"Costs are not recommended.");

		List<Embedding> vectors = openAi.embedAll(texts.stream().map(TextSegment::from).toList()).content();

		assertThat(openAi.dimension()).isEqualTo(384);
		assertThat(vectors).hasSize(3);
		for (int i = 0; i < texts.size(); i++) {
			assertThat(vectors.get(i).vector()).isEqualTo(inProcess.embed(texts.get(i)).content().vector());
		}
		assertThat(server.requests()).isNotEmpty()
			.allSatisfy(request -> {
				assertThat(request.authorization()).isEqualTo("Bearer " + API_KEY);
				assertThat(request.model()).isEqualTo(MODEL);
				assertThat(request.dimensions()).isEqualTo(384);
			});
	}

	@Test
	void embeddingActivityStoresTheEndpointsVectorsUnderTheConfiguredModelName() throws Exception {
		DocumentRef document = database.insertDocument(DocumentType.PDF, CorpusText.pdfPages(CorpusText.GAO_DECISION));
		int chunks = activities.stub(ChunkingActivities.class).chunkText(document).chunks();

		int embedded = activities.stub(EmbeddingActivities.class).embedChunks(document, 0, chunks);

		assertThat(embedded).isEqualTo(chunks);
		assertThat(server.requests()).hasSize((chunks + 15) / 16)
			.allSatisfy(request -> assertThat(request.authorization()).isEqualTo("Bearer " + API_KEY));
		assertThat(database.jdbc()
			.sql("SELECT count(*) FROM chunks WHERE document_id = ? AND embedding_model = ? AND embedding IS NOT NULL")
			.params(document.documentId(), MODEL)
			.query(Integer.class)
			.single()).isEqualTo(chunks);
		String text = database.jdbc()
			.sql("SELECT text FROM chunks WHERE document_id = ? AND chunk_index = 0")
			.param(document.documentId())
			.query(String.class)
			.single();
		String stored = database.jdbc()
			.sql("SELECT embedding::text FROM chunks WHERE document_id = ? AND chunk_index = 0")
			.param(document.documentId())
			.query(String.class)
			.single();
		assertThat(new PGvector(stored).toArray()).isEqualTo(inProcess.embed(text).content().vector());
	}

	@Test
	void vectorsOfTheWrongSizeFailTheDocumentWithoutRetry() throws Exception {
		DocumentRef document = database.insertDocument(DocumentType.PDF, List.of("The protest is denied."));
		activities.stub(ChunkingActivities.class).chunkText(document);
		server.truncateVectorsTo(256);

		ApplicationFailure failure = EmbeddingActivitiesImplIT
			.failureOf(() -> activities.stub(EmbeddingActivities.class).embedChunks(document, 0, 1));

		assertThat(failure.getType()).isEqualTo(ErrorCode.EMBEDDING_FAILED.name());
		assertThat(failure.isNonRetryable()).isTrue();
		assertThat(failure.getOriginalMessage()).contains("returned 256-dimensional vectors")
			.contains("scriptorium.embedding.dimensions")
			.contains("384")
			.doesNotContain(API_KEY);
	}

	@Test
	void endpointErrorsAreRetryable() throws Exception {
		DocumentRef document = database.insertDocument(DocumentType.PDF, List.of("The protest is denied."));
		activities.stub(ChunkingActivities.class).chunkText(document);
		server.failWith(503);

		ApplicationFailure failure = EmbeddingActivitiesImplIT
			.failureOf(() -> activities.stub(EmbeddingActivities.class).embedChunks(document, 0, 1));

		assertThat(failure.getType()).isEqualTo(ErrorCode.EMBEDDING_FAILED.name());
		assertThat(failure.isNonRetryable()).isFalse();
		assertThat(failure.getOriginalMessage()).contains(MODEL).doesNotContain(API_KEY);
		assertThat(database.jdbc()
			.sql("SELECT count(*) FROM chunks WHERE document_id = ? AND embedding IS NULL")
			.param(document.documentId())
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

}
