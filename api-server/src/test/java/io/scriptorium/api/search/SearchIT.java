package io.scriptorium.api.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.pgvector.PGvector;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.scriptorium.api.system.ApiClient;
import io.scriptorium.api.system.ApiClient.Response;
import io.scriptorium.workflows.boot.EmbeddingModelProperties;
import io.scriptorium.workflows.embedding.EmbeddingModelFactory;
import io.scriptorium.workflows.testing.TemporalTestNamespace;
import io.scriptorium.workflows.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Search against real pgvector with chunks embedded by the real in-process model, the one the API embeds the
 * query with.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Timeout(180)
class SearchIT {

	static final TestDatabase database = TestDatabase.create();

	static final TemporalTestNamespace temporal = TemporalTestNamespace.create("api-search");

	static final EmbeddingModel model = EmbeddingModelFactory.create(new EmbeddingModelProperties().toSettings());

	static final UUID BAKING = UUID.randomUUID();

	static final UUID ASTRONOMY = UUID.randomUUID();

	static final String LIGHTHOUSE = "The lighthouse keeper recorded every passing ship in a leather-bound logbook.";

	@LocalServerPort
	int port;

	ApiClient api;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("spring.temporal.namespace", temporal::name);
	}

	@BeforeAll
	static void indexChunks() throws Exception {
		try (Connection connection = database.connect()) {
			insertDocument(connection, BAKING, "baking.pdf");
			insertDocument(connection, ASTRONOMY, "astronomy.docx");
			insertChunk(connection, BAKING, 0, "Knead the dough for ten minutes until it is smooth and elastic.", true);
			insertChunk(connection, BAKING, 1, "Let the sourdough rise overnight in a cool place.", true);
			insertChunk(connection, BAKING, 2, LIGHTHOUSE, true);
			insertChunk(connection, ASTRONOMY, 0, "Jupiter's moons were first observed by Galileo in 1610.", true);
			insertChunk(connection, ASTRONOMY, 1, "A neutron star is the collapsed core of a massive star.", true);
			// Not searchable yet (its document is still being indexed): must never be returned.
			insertChunk(connection, ASTRONOMY, 2, LIGHTHOUSE, false);
		}
	}

	@AfterAll
	static void dropDatabase() {
		database.drop();
	}

	@BeforeEach
	void client() {
		this.api = ApiClient.onPort(this.port);
	}

	@Test
	void distinctiveSentenceFindsItsChunkFirst() {
		Response response = this.api.search("lighthouse keeper logbook of passing ships", 3);

		assertThat(response.status()).isEqualTo(200);
		JsonNode results = response.json().get("results");
		assertThat(results.size()).isEqualTo(3);
		JsonNode first = results.get(0);
		assertThat(first.get("documentId").asString()).isEqualTo(BAKING.toString());
		assertThat(first.get("filename").asString()).isEqualTo("baking.pdf");
		assertThat(first.get("chunkIndex").asInt()).isEqualTo(2);
		assertThat(first.get("page").asInt()).isEqualTo(3);
		assertThat(first.get("text").asString()).isEqualTo(LIGHTHOUSE);
		assertThat(first.get("score").asDouble()).isGreaterThan(results.get(1).get("score").asDouble());
	}

	@Test
	void scoreIsTheCosineSimilarityOfQueryAndChunk() {
		String query = "Galileo observed the moons of Jupiter";
		JsonNode first = this.api.search(query, 1).json().get("results").get(0);

		double expected = cosine(model.embed(query).content().vector(),
				model.embed("Jupiter's moons were first observed by Galileo in 1610.").content().vector());
		assertThat(first.get("chunkIndex").asInt()).isZero();
		assertThat(first.get("documentId").asString()).isEqualTo(ASTRONOMY.toString());
		assertThat(first.get("score").asDouble()).isCloseTo(expected, within(1e-3));
	}

	@Test
	void chunksThatAreNotSearchableAreNeverReturned() {
		JsonNode results = this.api.search(LIGHTHOUSE, 100).json().get("results");

		assertThat(results.size()).isEqualTo(5);
		results.forEach(result -> assertThat(
				result.get("documentId").asString() + "/" + result.get("chunkIndex").asInt())
			.isNotEqualTo(ASTRONOMY + "/2"));
	}

	@Test
	void documentIdLimitsTheSearchToThatDocument() {
		JsonNode results = this.api
			.get("/api/v1/search?q=bread&k=10&documentId=" + ASTRONOMY)
			.json()
			.get("results");

		assertThat(results.size()).isEqualTo(2);
		results.forEach(result -> assertThat(result.get("documentId").asString()).isEqualTo(ASTRONOMY.toString()));
	}

	@Test
	void invalidQueriesAreRejectedWithInvalidRequest() {
		List<String> queries = List.of("/api/v1/search", "/api/v1/search?q=%20%20", "/api/v1/search?q=x&k=0",
				"/api/v1/search?q=x&k=101", "/api/v1/search?q=" + "a".repeat(1001));
		for (String query : queries) {
			Response response = this.api.get(query);
			assertThat(response.status()).as(query).isEqualTo(400);
			assertThat(response.code()).as(query).isEqualTo("INVALID_REQUEST");
		}
	}

	private static void insertDocument(Connection connection, UUID id, String filename) throws Exception {
		try (PreparedStatement statement = connection.prepareStatement("""
				INSERT INTO documents (id, filename, content_type, sha256, size_bytes, status, stage, workflow_id)
				VALUES (?, ?, 'PDF', ?, 1, 'READY', 'DONE', ?)""")) {
			statement.setObject(1, id);
			statement.setString(2, filename);
			statement.setString(3, (id.toString().replace("-", "") + "0".repeat(64)).substring(0, 64));
			statement.setString(4, "document-" + id);
			statement.executeUpdate();
		}
	}

	private static void insertChunk(Connection connection, UUID documentId, int index, String text,
			boolean searchable) throws Exception {
		try (PreparedStatement statement = connection.prepareStatement("""
				INSERT INTO chunks (document_id, chunk_index, page, text, token_count, embedding, embedding_model,
				    searchable)
				VALUES (?, ?, ?, ?, 10, CAST(? AS vector), 'all-minilm-l6-v2-q', ?)""")) {
			statement.setObject(1, documentId);
			statement.setInt(2, index);
			statement.setInt(3, index + 1);
			statement.setString(4, text);
			statement.setString(5, new PGvector(model.embed(text).content().vector()).toString());
			statement.setBoolean(6, searchable);
			statement.executeUpdate();
		}
	}

	private static double cosine(float[] a, float[] b) {
		double dot = 0;
		double normA = 0;
		double normB = 0;
		for (int i = 0; i < a.length; i++) {
			dot += a[i] * b[i];
			normA += a[i] * a[i];
			normB += b[i] * b[i];
		}
		return dot / (Math.sqrt(normA) * Math.sqrt(normB));
	}

}
