package io.scriptorium.worker.embedding;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.scriptorium.workflows.embeddingmodel.EmbeddingSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalInt;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Refuses to start a worker whose model produces vectors of another size than the chunks.embedding column holds:
 * every embedding would fail later, one document at a time. Skipped while the table does not exist yet (the
 * migration workflow creates it) or the database cannot be reached (the activities check each vector anyway).
 */
class EmbeddingDimensionCheck implements InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(EmbeddingDimensionCheck.class);

	// pgvector keeps a vector column's dimension in atttypmod; to_regclass follows the search_path.
	private static final String COLUMN_DIMENSION = """
			SELECT atttypmod FROM pg_attribute
			WHERE attrelid = to_regclass('chunks') AND attname = 'embedding' AND NOT attisdropped""";

	private final DataSource dataSource;

	private final EmbeddingModel model;

	private final EmbeddingSettings settings;

	EmbeddingDimensionCheck(DataSource dataSource, EmbeddingModel model, EmbeddingSettings settings) {
		this.dataSource = dataSource;
		this.model = model;
		this.settings = settings;
	}

	@Override
	public void afterPropertiesSet() {
		OptionalInt column;
		try {
			column = columnDimension();
		}
		catch (SQLException ex) {
			log.warn("Could not read the chunks.embedding dimension ({}); the check is skipped", ex.getMessage());
			return;
		}
		int produced = this.model.dimension();
		if (column.isPresent() && column.getAsInt() > 0 && column.getAsInt() != produced) {
			throw new IllegalStateException(mismatch(produced, column.getAsInt()));
		}
		column.ifPresent(dimension -> log.info("Embedding model '{}' ({}) produces {}-dimensional vectors, as the"
				+ " chunks table expects", this.settings.model(), this.settings.provider(), dimension));
	}

	String mismatch(int produced, int column) {
		return "Embedding dimension mismatch: the model '" + this.settings.model()
				+ "' (scriptorium.embedding.provider="
				+ this.settings.provider() + ") produces " + produced
				+ "-dimensional vectors but the chunks.embedding column is vector(" + column
				+ "). Set scriptorium.embedding.dimensions=" + column
				+ " with a model that produces that size, or add a Flyway migration that changes the column to vector("
				+ produced + ") and re-embed the documents.";
	}

	private OptionalInt columnDimension() throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(COLUMN_DIMENSION);
				ResultSet row = statement.executeQuery()) {
			return row.next() ? OptionalInt.of(row.getInt(1)) : OptionalInt.empty();
		}
	}

}
