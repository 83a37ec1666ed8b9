package io.scriptorium.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.loader.FileSystemDocumentLoader;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.pgvector.PgVectorEmbeddingStore;
import dev.langchain4j.store.embedding.pgvector.PgVectorEmbeddingStore.SearchMode;
import io.scriptorium.workflows.embeddingmodel.InProcessModel;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a user would build instead of Scriptorium, for the retrieval benchmark to score beside it: the corpus through
 * LangChain4j's parsers, recursive splitter and {@link PgVectorEmbeddingStore} with the same model (bge-small-en-v1.5
 * with its query instruction) and the same chunk size, searched in the store's vector and hybrid modes.
 * <p>
 * It answers {@code GET /api/v1/search?q=..&k=..&mode=vector|hybrid} on loopback in the API's result shape, so that
 * {@code ../shared/qa/score.py} scores it by the same rule. LangChain4j's PDF parser reads a document as one text, so
 * its results have no page numbers: they count as hits when their text holds the answer.
 * <p>
 * {@code RetrievalBaseline PORT [CORPUS]}: ingests (once: the table is kept and reused when it holds every file),
 * prints {@code ready} and serves until killed.
 */
final class RetrievalBaseline {

	static final String TABLE = "bench_langchain4j_retrieval";

	/** Scriptorium's chunks hold 256 tokens including [CLS] and [SEP]; the splitter counts content tokens only. */
	private static final int CHUNK_TOKENS = 254;

	private static final int OVERLAP_TOKENS = 32;

	/** The table's comment once the corpus is in: a later run searches it as it is. */
	private static final String COMPLETE = "complete: the ok files of the corpus, 254/32-token chunks, bge-small-en-v15-q";

	private final BenchOptions options;

	private final EmbeddingModel model = new BgeSmallEnV15QuantizedEmbeddingModel();

	private final Map<SearchMode, PgVectorEmbeddingStore> stores = new HashMap<>();

	private final JsonMapper json = JsonMapper.builder().build();

	private RetrievalBaseline(BenchOptions options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		Path corpus = Path.of((args.length > 1) ? args[1] : "../shared/corpus");
		RetrievalBaseline baseline = new RetrievalBaseline(BenchOptions.parse(new String[0]));
		baseline.ingest(CorpusFile.ok(corpus, false));
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		server.createContext("/api/v1/search", baseline::search);
		server.start();
		System.out.println("ready");
	}

	private void ingest(List<CorpusFile> files) throws SQLException {
		boolean complete = complete();
		for (SearchMode mode : SearchMode.values()) {
			this.stores.put(mode, store(mode, !complete && mode == SearchMode.VECTOR));
		}
		if (complete) {
			System.err.println("[baseline] " + TABLE + " holds the corpus from an earlier run");
			return;
		}
		EmbeddingStoreIngestor ingestor = EmbeddingStoreIngestor.builder()
			.documentSplitter(DocumentSplitters.recursive(CHUNK_TOKENS, OVERLAP_TOKENS,
					new HuggingFaceTokenCountEstimator()))
			.embeddingModel(this.model)
			.embeddingStore(this.stores.get(SearchMode.VECTOR))
			.build();
		long start = System.nanoTime();
		for (CorpusFile file : files) {
			try {
				Document document = FileSystemDocumentLoader.loadDocument(file.path(), InProcessIngestion.parserFor(file));
				ingestor.ingest(document);
			}
			catch (RuntimeException ex) {
				System.err.println("[baseline] " + file.name() + ": " + ex);
			}
		}
		System.err.printf("[baseline] ingested %d files in %.0f s%n", files.size(), (System.nanoTime() - start) / 1e9);
		this.options.execute("COMMENT ON TABLE " + TABLE + " IS '" + COMPLETE + "'");
	}

	/** The same table behind both modes: the store's search mode is a setting of its builder. */
	private PgVectorEmbeddingStore store(SearchMode mode, boolean fresh) {
		URI uri = URI.create(this.options.jdbcUrl().substring("jdbc:".length()));
		return PgVectorEmbeddingStore.builder()
			.host(uri.getHost())
			.port(uri.getPort())
			.database(uri.getPath().substring(1))
			.user(this.options.dbUser())
			.password(this.options.dbPassword())
			.table(TABLE)
			.dimension(InProcessModel.DIMENSIONS)
			.createTable(true)
			.dropTableFirst(fresh)
			.searchMode(mode)
			.textSearchConfig("english")
			.build();
	}

	private void search(HttpExchange exchange) throws IOException {
		Map<String, String> params = query(exchange.getRequestURI().getRawQuery());
		String text = params.getOrDefault("q", "");
		SearchMode mode = SearchMode.valueOf(params.getOrDefault("mode", "vector").toUpperCase());
		EmbeddingSearchRequest request = EmbeddingSearchRequest.builder()
			.query(text)
			.queryEmbedding(this.model.embed(InProcessModel.BGE_SMALL_EN_V15_Q.queryPrefix() + text).content())
			.maxResults(Integer.parseInt(params.getOrDefault("k", "10")))
			.build();
		List<Map<String, Object>> results = this.stores.get(mode).search(request).matches().stream()
			.map(RetrievalBaseline::result)
			.toList();
		byte[] body = this.json.writeValueAsBytes(Map.of("results", results));
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private static Map<String, Object> result(EmbeddingMatch<TextSegment> match) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("documentId", match.embedded().metadata().getString("file_name"));
		result.put("filename", match.embedded().metadata().getString("file_name"));
		result.put("chunkIndex", match.embedded().metadata().toMap().get("index"));
		result.put("page", null);
		result.put("text", match.embedded().text());
		result.put("score", match.score());
		return result;
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> params = new HashMap<>();
		for (String pair : (raw == null) ? new String[0] : raw.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return params;
	}

	/** Whether an earlier run ingested the corpus to its end (and marked the table so). */
	private boolean complete() throws SQLException {
		try (Connection connection = this.options.connect(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT coalesce(obj_description(to_regclass('" + TABLE
						+ "'), 'pg_class'), '') = '" + COMPLETE + "'")) {
			rows.next();
			return rows.getBoolean(1);
		}
	}

}
