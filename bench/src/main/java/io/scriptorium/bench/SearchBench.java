package io.scriptorium.bench;

import com.pgvector.PGvector;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.scriptorium.workflows.embeddingmodel.EmbeddingSettings;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/** Search latency through the API and straight through JDBC, and the recall of the HNSW index. */
final class SearchBench implements AutoCloseable {

	/** The shortest and longest sentences drawn as queries, in words. */
	static final int MIN_QUERY_WORDS = 6;

	static final int MAX_QUERY_WORDS = 40;

	/** The API's query (SearchService), so that JDBC times the very statement the API runs. */
	private static final String NEAREST = """
			SELECT c.document_id, d.filename, c.chunk_index, c.page, c.text, c.distance
			FROM (
			    SELECT document_id, chunk_index, page, text, embedding <=> CAST(? AS vector) AS distance
			    FROM chunks
			    WHERE searchable AND embedding IS NOT NULL
			    ORDER BY embedding <=> CAST(? AS vector)
			    LIMIT ?
			) c
			JOIN documents d ON d.id = c.document_id
			ORDER BY c.distance, c.document_id, c.chunk_index""";

	/** The API's hnsw.ef_search for k = 10: max(scriptorium.search.min-ef-search = 200, 2k). */
	private static final int EF_SEARCH = 200;

	private static final String SYNTHETIC_WORKFLOW = "bench-synthetic";

	private static final int K = 10;

	private final Connection connection;

	private final EmbeddingModel model;

	private final EmbeddingSettings settings;

	/** @param settings the model's: its name is stored with the synthetic rows, its prefix put before queries */
	SearchBench(BenchOptions options, EmbeddingModel model, EmbeddingSettings settings) throws SQLException {
		this.connection = DriverManager.getConnection(options.jdbcUrl(), options.dbUser(), options.dbPassword());
		this.model = model;
		this.settings = settings;
	}

	/**
	 * Real sentences of the corpus to search for: one sentence of {@link #MIN_QUERY_WORDS} to {@link #MAX_QUERY_WORDS}
	 * words from each of randomly drawn chunks.
	 */
	static List<String> sentences(List<String> chunkTexts, int count, long seed) {
		Random random = new Random(seed);
		List<String> sentences = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (int attempt = 0; attempt < count * 50 && sentences.size() < count && !chunkTexts.isEmpty(); attempt++) {
			String[] parts = chunkTexts.get(random.nextInt(chunkTexts.size())).split("(?<=[.!?])\\s+");
			String sentence = parts[random.nextInt(parts.length)].strip();
			int words = sentence.split("\\s+").length;
			if (words >= MIN_QUERY_WORDS && words <= MAX_QUERY_WORDS && sentence.length() <= 400
					&& seen.add(sentence)) {
				sentences.add(sentence);
			}
		}
		return sentences;
	}

	List<String> chunkTexts(List<UUID> documents) throws SQLException {
		List<String> texts = new ArrayList<>();
		try (PreparedStatement statement = this.connection.prepareStatement(
				"SELECT text FROM chunks WHERE document_id = ANY(?) AND searchable ORDER BY document_id, chunk_index")) {
			statement.setArray(1, this.connection.createArrayOf("uuid", documents.toArray()));
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					texts.add(rows.getString(1));
				}
			}
		}
		return texts;
	}

	long searchableChunks() throws SQLException {
		try (Statement statement = this.connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT count(*) FROM chunks WHERE searchable AND embedding IS NOT NULL")) {
			rows.next();
			return rows.getLong(1);
		}
	}

	float[] embed(String query) {
		return this.model.embed(this.settings.queryText(query)).content().vector();
	}

	/**
	 * Recall@10 of the HNSW index against an exact scan, averaged over the queries, counted two ways.
	 * {@code byDistance} (the usual measure, as in ann-benchmarks) counts a result found when it is no farther than
	 * the exact 10th: the corpus holds the same text in several documents (the fault scripts upload the same
	 * paragraphs many times), and among equally near chunks either is right. {@code byId} asks for the very chunks
	 * the exact scan returned, so ties count against the index.
	 */
	record Recall(double byDistance, double byId, int queries) {
	}

	Recall recallAt10(List<float[]> queries, Duration timeout) throws SQLException {
		long deadline = System.nanoTime() + timeout.toNanos();
		double byDistance = 0;
		double byId = 0;
		int n = 0;
		for (float[] query : queries) {
			if (System.nanoTime() > deadline) {
				break;
			}
			List<Neighbour> approximate = nearest(query, true);
			List<Neighbour> exact = nearest(query, false);
			if (exact.isEmpty()) {
				byDistance++;
				byId++;
			}
			else {
				double farthest = exact.get(exact.size() - 1).distance() + 1e-6;
				Set<String> exactKeys = new HashSet<>();
				exact.forEach(neighbour -> exactKeys.add(neighbour.key()));
				byDistance += Math.min(exact.size(), approximate.stream().filter(a -> a.distance() <= farthest).count())
						/ (double) exact.size();
				byId += approximate.stream().filter(a -> exactKeys.contains(a.key())).count() / (double) exact.size();
			}
			n++;
		}
		return (n == 0) ? new Recall(Double.NaN, Double.NaN, 0) : new Recall(byDistance / n, byId / n, n);
	}

	private record Neighbour(String key, double distance) {
	}

	/** Seconds of the API's SQL statement alone, in a transaction with the API's settings. */
	double timeJdbc(float[] query) throws SQLException {
		long start = System.nanoTime();
		nearestWithJoin(query);
		return (System.nanoTime() - start) / 1e9;
	}

	/**
	 * Adds synthetic searchable chunks, for one synthetic READY document, until {@code total} chunks are searchable:
	 * real embeddings with a little noise, so they cluster like real text rather than spreading uniformly.
	 * @return the number of rows added
	 */
	int addSyntheticRows(long total, List<float[]> seeds, Duration timeout) throws SQLException {
		removeSyntheticRows();
		long missing = total - searchableChunks();
		if (missing <= 0 || seeds.isEmpty()) {
			return 0;
		}
		UUID document = UUID.randomUUID();
		try (PreparedStatement insert = this.connection.prepareStatement("""
				INSERT INTO documents (id, filename, content_type, sha256, size_bytes, status, stage, pages, chunks,
				    embedding_model, workflow_id)
				VALUES (?, 'bench-synthetic-rows.txt', 'TXT', ?, 0, 'READY', 'DONE', 0, ?, ?, ?)""")) {
			insert.setObject(1, document);
			insert.setString(2, sha256("scriptorium bench synthetic rows " + document));
			insert.setInt(3, (int) missing);
			insert.setString(4, this.settings.model());
			insert.setString(5, SYNTHETIC_WORKFLOW);
			insert.executeUpdate();
		}
		Random random = new Random(42);
		long deadline = System.nanoTime() + timeout.toNanos();
		int added = 0;
		this.connection.setAutoCommit(false);
		try (PreparedStatement insert = this.connection.prepareStatement("""
				INSERT INTO chunks (document_id, chunk_index, page, text, token_count, embedding, embedding_model, searchable)
				VALUES (?, ?, NULL, ?, 8, CAST(? AS vector), ?, true)""")) {
			while (added < missing && System.nanoTime() < deadline) {
				int batch = (int) Math.min(1000, missing - added);
				for (int i = 0; i < batch; i++) {
					float[] vector = noisy(seeds.get(random.nextInt(seeds.size())), random);
					insert.setObject(1, document);
					insert.setInt(2, added + i);
					insert.setString(3, "synthetic benchmark chunk " + (added + i));
					insert.setString(4, new PGvector(vector).toString());
					insert.setString(5, this.settings.model());
					insert.addBatch();
				}
				insert.executeBatch();
				this.connection.commit();
				added += batch;
			}
		}
		finally {
			this.connection.setAutoCommit(true);
		}
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("ANALYZE chunks");
		}
		return added;
	}

	void removeSyntheticRows() throws SQLException {
		try (PreparedStatement delete = this.connection
			.prepareStatement("DELETE FROM documents WHERE workflow_id = ?")) {
			delete.setString(1, SYNTHETIC_WORKFLOW);
			delete.executeUpdate();
		}
	}

	private static float[] noisy(float[] seed, Random random) {
		float[] vector = new float[seed.length];
		double norm = 0;
		for (int i = 0; i < seed.length; i++) {
			vector[i] = (float) (seed[i] + random.nextGaussian() * 0.02);
			norm += vector[i] * vector[i];
		}
		float scale = (float) (1.0 / Math.sqrt(norm));
		for (int i = 0; i < vector.length; i++) {
			vector[i] *= scale;
		}
		return vector;
	}

	List<float[]> realEmbeddings(int limit) throws SQLException {
		List<float[]> vectors = new ArrayList<>();
		try (PreparedStatement statement = this.connection.prepareStatement(
				"SELECT embedding::text FROM chunks WHERE searchable AND embedding IS NOT NULL LIMIT ?")) {
			statement.setInt(1, limit);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					vectors.add(new PGvector(rows.getString(1)).toArray());
				}
			}
		}
		return vectors;
	}

	private List<Neighbour> nearest(float[] query, boolean index) throws SQLException {
		List<Neighbour> neighbours = new ArrayList<>();
		this.connection.setAutoCommit(false);
		try (Statement settings = this.connection.createStatement()) {
			if (index) {
				settings.execute("SET LOCAL hnsw.ef_search = " + EF_SEARCH);
			}
			else {
				settings.execute("SET LOCAL enable_indexscan = off");
				settings.execute("SET LOCAL enable_bitmapscan = off");
			}
			try (PreparedStatement statement = this.connection.prepareStatement("""
					SELECT document_id, chunk_index, embedding <=> CAST(? AS vector) FROM chunks
					WHERE searchable AND embedding IS NOT NULL
					ORDER BY embedding <=> CAST(? AS vector) LIMIT ?""")) {
				String vector = new PGvector(query).toString();
				statement.setString(1, vector);
				statement.setString(2, vector);
				statement.setInt(3, K);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						neighbours.add(new Neighbour(rows.getString(1) + "#" + rows.getInt(2), rows.getDouble(3)));
					}
				}
			}
		}
		finally {
			this.connection.commit();
			this.connection.setAutoCommit(true);
		}
		return neighbours;
	}

	private void nearestWithJoin(float[] query) throws SQLException {
		this.connection.setAutoCommit(false);
		try (Statement settings = this.connection.createStatement()) {
			settings.execute("SET LOCAL hnsw.ef_search = " + EF_SEARCH);
			try (PreparedStatement statement = this.connection.prepareStatement(NEAREST)) {
				String vector = new PGvector(query).toString();
				statement.setString(1, vector);
				statement.setString(2, vector);
				statement.setInt(3, K);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						rows.getString(5);
					}
				}
			}
		}
		finally {
			this.connection.commit();
			this.connection.setAutoCommit(true);
		}
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes()));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() throws SQLException {
		this.connection.close();
	}

}
