package io.scriptorium.bench;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentParser;
import dev.langchain4j.data.document.loader.FileSystemDocumentLoader;
import dev.langchain4j.data.document.parser.TextDocumentParser;
import dev.langchain4j.data.document.parser.apache.pdfbox.ApachePdfBoxDocumentParser;
import dev.langchain4j.data.document.parser.apache.tika.ApacheTikaDocumentParser;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.pgvector.PgVectorEmbeddingStore;
import io.scriptorium.worker.chunking.ChunkingProperties;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline: the same files, the same model and the same chunk size through LangChain4j's
 * {@link EmbeddingStoreIngestor} into {@link PgVectorEmbeddingStore}, one file after the other in this JVM.
 */
final class InProcessIngestion {

	static final String TABLE = "bench_langchain4j_embeddings";

	/** The worker's chunks count [CLS] and [SEP] in their size; the splitter counts content tokens only. */
	private static final int CHUNK_TOKENS = new ChunkingProperties().getMaxTokens() - 2;

	private static final int OVERLAP_TOKENS = new ChunkingProperties().getOverlapTokens();

	record Run(double seconds, int documents, int failed, int chunks, List<String> failures, boolean timedOut) {
	}

	private final BenchOptions options;

	private final EmbeddingModel model;

	InProcessIngestion(BenchOptions options, EmbeddingModel model) {
		this.options = options;
		this.model = model;
	}

	Run run(List<CorpusFile> files, Duration timeout) throws SQLException {
		URI uri = URI.create(this.options.jdbcUrl().substring("jdbc:".length()));
		PgVectorEmbeddingStore store = PgVectorEmbeddingStore.builder()
			.host(uri.getHost())
			.port(uri.getPort())
			.database(uri.getPath().substring(1))
			.user(this.options.dbUser())
			.password(this.options.dbPassword())
			.table(TABLE)
			.dimension(384)
			.createTable(true)
			.dropTableFirst(true)
			.useIndex(false)
			.build();
		// The platform maintains an HNSW index while it writes; so does the baseline.
		this.options.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_hnsw ON " + TABLE + " USING hnsw (embedding vector_cosine_ops)");
		EmbeddingStoreIngestor ingestor = EmbeddingStoreIngestor.builder()
			.documentSplitter(DocumentSplitters.recursive(CHUNK_TOKENS, OVERLAP_TOKENS,
					new HuggingFaceTokenCountEstimator()))
			.embeddingModel(this.model)
			.embeddingStore(store)
			.build();
		long start = System.nanoTime();
		long deadline = start + timeout.toNanos();
		int documents = 0;
		List<String> failures = new ArrayList<>();
		boolean timedOut = false;
		for (CorpusFile file : files) {
			if (System.nanoTime() > deadline) {
				timedOut = true;
				break;
			}
			try {
				Document document = FileSystemDocumentLoader.loadDocument(file.path(), parserFor(file));
				ingestor.ingest(document);
				documents++;
			}
			catch (RuntimeException ex) {
				failures.add(file.name() + ": " + ex.getClass().getSimpleName() + " " + ex.getMessage());
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		return new Run(seconds, documents, failures.size(), count(), failures, timedOut);
	}

	void dropTable() throws SQLException {
		this.options.execute("DROP TABLE IF EXISTS " + TABLE);
	}

	/** LangChain4j's parser for a file, as its documentation pairs them. */
	static DocumentParser parserFor(CorpusFile file) {
		return switch (file.kind()) {
			case "pdf" -> new ApachePdfBoxDocumentParser();
			case "txt", "md" -> new TextDocumentParser();
			default -> new ApacheTikaDocumentParser();
		};
	}

	private int count() throws SQLException {
		try (Connection connection = this.options.connect(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + TABLE)) {
			rows.next();
			return rows.getInt(1);
		}
	}

}
