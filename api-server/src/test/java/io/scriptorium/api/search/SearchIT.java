package io.scriptorium.api.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.pgvector.PGvector;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.scriptorium.client.ScriptoriumClient;
import io.scriptorium.workflows.embeddingmodel.EmbeddingModelProperties;
import io.scriptorium.workflows.embeddingmodel.EmbeddingSettings;
import io.scriptorium.workflows.embeddingmodel.EmbeddingModelFactory;
import io.scriptorium.workflows.testing.TemporalTestNamespace;
import io.scriptorium.workflows.testing.TestDatabase;
import java.net.URI;
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

	static final EmbeddingSettings settings = new EmbeddingModelProperties().toSettings();

	static final EmbeddingModel model = EmbeddingModelFactory.create(settings);

	static final UUID BAKING = UUID.randomUUID();

	static final UUID ASTRONOMY = UUID.randomUUID();

	/** One small document in a collection of its own, among many chunks of another: filters must still give k. */
	static final UUID CATALOGUE = UUID.randomUUID();

	static final UUID NOISE = UUID.randomUUID();

	static final String IDENTIFIER_CHUNK = "Observation log NGC-7331-B: the spiral galaxy was photographed in 1963.";

	static final String LIGHTHOUSE = "The lighthouse keeper recorded every passing ship in a leather-bound logbook.";

	@LocalServerPort
	int port;

	ScriptoriumClient api;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("spring.temporal.namespace", temporal::name);
	}

	@BeforeAll
	static void indexChunks() throws Exception {
		try (Connection connection = database.connect()) {
			insertDocument(connection, BAKING, "baking.pdf", "PDF", "kitchen", "{\"team\": \"bakers\"}",
					"2026-01-10T00:00:00Z");
			insertDocument(connection, ASTRONOMY, "astronomy.docx", "DOCX", "science", "{\"team\": \"observatory\"}",
					"2026-03-10T00:00:00Z");
			insertDocument(connection, CATALOGUE, "catalogue.pdf", "PDF", "catalogue", "{}", "2026-05-01T00:00:00Z");
			insertDocument(connection, NOISE, "noise.pdf", "PDF", "noise", "{}", "2026-05-01T00:00:00Z");
			insertChunk(connection, BAKING, 0, "Knead the dough for ten minutes until it is smooth and elastic.", true);
			insertChunk(connection, BAKING, 1, "Let the sourdough rise overnight in a cool place.", true);
			insertChunk(connection, BAKING, 2, LIGHTHOUSE, true);
			insertChunk(connection, ASTRONOMY, 0, "Jupiter's moons were first observed by Galileo in 1610.", true);
			insertChunk(connection, ASTRONOMY, 1, "A neutron star is the collapsed core of a massive star.", true);
			// Not searchable yet (its document is still being indexed): must never be returned.
			insertChunk(connection, ASTRONOMY, 2, LIGHTHOUSE, false);
			insertChunk(connection, ASTRONOMY, 3, IDENTIFIER_CHUNK, true);
			insertChunk(connection, ASTRONOMY, 4, "Spiral galaxies such as Andromeda were photographed from the"
					+ " observatory on glass plates.", true);
			for (int i = 0; i < 5; i++) {
				insertChunk(connection, CATALOGUE, i, "Catalogue entry " + i + ": a ceramic bowl, glazed blue.", true);
			}
			for (int i = 0; i < 200; i++) {
				insertChunk(connection, NOISE, i, "Lighthouse logbook " + i + ": ships passing the keeper's light.",
						true);
			}
		}
	}

	@AfterAll
	static void dropDatabase() {
		database.drop();
	}

	@BeforeEach
	void client() {
		this.api = new ScriptoriumClient(URI.create("http://127.0.0.1:" + this.port), null);
	}

	@Test
	void distinctiveSentenceFindsItsChunkFirst() throws Exception {
		JsonNode results = this.api.search("lighthouse keeper logbook of passing ships", 3, "vector",
				"collection=kitchen").get("results");

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
	void scoreIsTheCosineSimilarityOfQueryAndChunk() throws Exception {
		String query = "Galileo observed the moons of Jupiter";
		JsonNode first = this.api.search(query, 1, "vector").get("results").get(0);

		double expected = cosine(model.embed(settings.queryText(query)).content().vector(),
				model.embed("Jupiter's moons were first observed by Galileo in 1610.").content().vector());
		assertThat(first.get("chunkIndex").asInt()).isZero();
		assertThat(first.get("documentId").asString()).isEqualTo(ASTRONOMY.toString());
		assertThat(first.get("score").asDouble()).isCloseTo(expected, within(1e-3));
	}

	@Test
	void chunksThatAreNotSearchableAreNeverReturned() throws Exception {
		JsonNode results = this.api.search(LIGHTHOUSE, 100, null, "documentId=" + BAKING, "documentId=" + ASTRONOMY)
			.get("results");

		assertThat(results.size()).isEqualTo(7);
		results.forEach(result -> assertThat(
				result.get("documentId").asString() + "/" + result.get("chunkIndex").asInt())
			.isNotEqualTo(ASTRONOMY + "/2"));
	}

	@Test
	void documentIdLimitsTheSearchToThatDocument() throws Exception {
		JsonNode results = this.api.search("bread", 10, null, "documentId=" + ASTRONOMY).get("results");

		assertThat(results.size()).isEqualTo(4);
		results.forEach(result -> assertThat(result.get("documentId").asString()).isEqualTo(ASTRONOMY.toString()));
	}

	/**
	 * An exact identifier: the full-text ranking puts its chunk first and so does the fusion, whatever the vectors
	 * make of a string the model has never seen.
	 */
	@Test
	void anExactIdentifierIsFoundFirstInHybridAndKeywordModes() throws Exception {
		for (String mode : List.of("hybrid", "keyword")) {
			JsonNode first = this.api.search("NGC-7331-B", 5, mode).get("results").get(0);
			assertThat(first.get("text").asString()).as(mode).isEqualTo(IDENTIFIER_CHUNK);
			assertThat(first.get("keywordRank").asInt()).as(mode).isEqualTo(1);
			assertThat(first.get("snippet").asString()).as(mode).contains("<mark>");
		}
		JsonNode vector = this.api.search("NGC-7331-B", 100, "vector").get("results");
		int rank = 0;
		for (int i = 0; i < vector.size(); i++) {
			if (vector.get(i).get("text").asString().equals(IDENTIFIER_CHUNK)) {
				rank = i + 1;
			}
		}
		System.out.println("[search] 'NGC-7331-B' in vector-only search: rank " + rank);
	}

	@Test
	void aParaphraseIsFoundInHybridMode() throws Exception {
		JsonNode first = this.api.search("who first saw the satellites of the largest planet", 3, null).get("results")
			.get(0);

		assertThat(first.get("text").asString()).contains("Galileo");
		assertThat(first.get("vectorRank").asInt()).isEqualTo(1);
	}

	@Test
	void filtersOnCollectionMetadataTypeAndUploadTimeHoldInEveryMode() throws Exception {
		for (String mode : List.of("hybrid", "vector", "keyword")) {
			assertThat(documents(mode, "collection=science")).as(mode).containsOnly(ASTRONOMY.toString());
			assertThat(documents(mode, "metadata.team=bakers")).as(mode).containsOnly(BAKING.toString());
			assertThat(documents(mode, "contentType=DOCX")).as(mode).containsOnly(ASTRONOMY.toString());
			assertThat(documents(mode, "uploadedBefore=2026-02-01T00:00:00Z")).as(mode).containsOnly(BAKING.toString());
			assertThat(documents(mode, "uploadedAfter=2026-02-01T00:00:00Z", "uploadedBefore=2026-04-01T00:00:00Z"))
				.as(mode).containsOnly(ASTRONOMY.toString());
			assertThat(documents(mode, "collection=science", "metadata.team=bakers")).as(mode).isEmpty();
		}
	}

	/** 200 chunks closer to the query lie outside the filter: the index scan goes on until it has k. */
	@Test
	void aSelectiveFilterStillReturnsKResults() throws Exception {
		for (String mode : List.of("hybrid", "vector")) {
			JsonNode results = this.api.search("the lighthouse keeper's logbook of passing ships", 5, mode,
					"collection=catalogue").get("results");

			assertThat(results.size()).as(mode).isEqualTo(5);
			results.forEach(result -> assertThat(result.get("collection").asString()).isEqualTo("catalogue"));
		}
	}

	/**
	 * The keyword ranking's word counts follow the chunks: a chunk counts when it becomes searchable, once however
	 * often it is published, and no more when it is deleted.
	 */
	@Test
	void wordCountsFollowPublishingAndDeleting() throws Exception {
		try (Connection connection = database.connect(); java.sql.Statement statement = connection.createStatement()) {
			long searchable = count(statement, "SELECT count(*) FROM chunks WHERE searchable");
			assertThat(count(statement, "SELECT chunks FROM search_terms WHERE lexeme = ''")).isEqualTo(searchable);
			long galileo = count(statement, "SELECT chunks FROM search_terms WHERE lexeme = 'galileo'");

			insertChunk(connection, ASTRONOMY, 900, "Galileo's telescope magnified about twenty times.", false);
			assertThat(count(statement, "SELECT chunks FROM search_terms WHERE lexeme = 'galileo'")).isEqualTo(galileo);
			for (int publish = 0; publish < 2; publish++) {
				statement.executeUpdate("UPDATE chunks SET searchable = true WHERE document_id = '" + ASTRONOMY + "'"
						+ " AND chunk_index = 900");
			}
			assertThat(count(statement, "SELECT chunks FROM search_terms WHERE lexeme = 'galileo'"))
				.isEqualTo(galileo + 1);
			assertThat(count(statement, "SELECT chunks FROM search_terms WHERE lexeme = ''")).isEqualTo(searchable + 1);

			statement.executeUpdate("DELETE FROM chunks WHERE document_id = '" + ASTRONOMY + "' AND chunk_index = 900");
			assertThat(count(statement, "SELECT chunks FROM search_terms WHERE lexeme = 'galileo'")).isEqualTo(galileo);
			assertThat(count(statement, "SELECT chunks FROM search_terms WHERE lexeme = ''")).isEqualTo(searchable);
		}
	}

	private static long count(java.sql.Statement statement, String sql) throws Exception {
		try (java.sql.ResultSet row = statement.executeQuery(sql)) {
			return row.next() ? row.getLong(1) : 0;
		}
	}

	/** The documents of the results of one query, filtered. */
	private java.util.Set<String> documents(String mode, String... filters) throws Exception {
		java.util.Set<String> ids = new java.util.HashSet<>();
		this.api.search("photographed lighthouse dough", 20, mode, filters).get("results")
			.forEach(result -> ids.add(result.get("documentId").asString()));
		return ids;
	}

	private static void insertDocument(Connection connection, UUID id, String filename, String type,
			String collection, String metadata, String createdAt) throws Exception {
		try (PreparedStatement statement = connection.prepareStatement("""
				INSERT INTO documents (id, filename, content_type, sha256, size_bytes, status, stage, workflow_id,
				    collection, metadata, created_at, language)
				VALUES (?, ?, ?, ?, 1, 'READY', 'DONE', ?, ?, CAST(? AS jsonb), CAST(? AS timestamptz), 'english')""")) {
			statement.setObject(1, id);
			statement.setString(2, filename);
			statement.setString(3, type);
			statement.setString(4, (id.toString().replace("-", "") + "0".repeat(64)).substring(0, 64));
			statement.setString(5, "document-" + id);
			statement.setString(6, collection);
			statement.setString(7, metadata);
			statement.setString(8, createdAt);
			statement.executeUpdate();
		}
	}

	private static void insertChunk(Connection connection, UUID documentId, int index, String text,
			boolean searchable) throws Exception {
		try (PreparedStatement statement = connection.prepareStatement("""
				INSERT INTO chunks (document_id, chunk_index, page, text, token_count, embedding, embedding_model,
				    searchable, text_search_config)
				VALUES (?, ?, ?, ?, 10, CAST(? AS vector), ?, ?, 'english')""")) {
			statement.setObject(1, documentId);
			statement.setInt(2, index);
			statement.setInt(3, index + 1);
			statement.setString(4, text);
			statement.setString(5, new PGvector(model.embed(text).content().vector()).toString());
			statement.setString(6, settings.model());
			statement.setBoolean(7, searchable);
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
