package io.scriptorium.worker.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scriptorium.workflows.embedding.EmbeddingActivities;
import io.scriptorium.worker.testing.PipelineContext;
import io.scriptorium.worker.testing.WorkerDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The worker refuses to start when its model's vectors do not fit the chunks.embedding column. */
class EmbeddingDimensionCheckIT {

	/** An OpenAI-compatible model declared with 512 dimensions; it is never called (the size is declared). */
	private static final Map<String, Object> OPENAI_512 = Map.of("scriptorium.embedding.provider", "openai",
			"scriptorium.embedding.dimensions", 512, "scriptorium.embedding.openai.base-url", "http://127.0.0.1:9/v1",
			"scriptorium.embedding.openai.api-key", "sk-unused", "scriptorium.embedding.openai.model",
			"text-embedding-3-small");

	@Test
	void startupFailsNamingBothDimensionsAndThePropertyWhenTheyDiffer() throws Exception {
		try (WorkerDatabase database = WorkerDatabase.create()) {
			assertThatThrownBy(() -> PipelineContext.start(database, OPENAI_512)).rootCause()
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("produces 512-dimensional vectors")
				.hasMessageContaining("vector(384)")
				.hasMessageContaining("scriptorium.embedding.dimensions=384")
				.hasMessageContaining("text-embedding-3-small");
		}
	}

	@Test
	void startupSucceedsWhenTheDimensionsMatch() throws Exception {
		try (WorkerDatabase database = WorkerDatabase.create();
				ConfigurableApplicationContext context = PipelineContext.start(database, Map.of())) {
			assertThat(context.getBean(EmbeddingActivities.class)).isNotNull();
			assertThat(context.getBean(dev.langchain4j.model.embedding.EmbeddingModel.class).dimension())
				.isEqualTo(384);
		}
	}

	@Test
	void startupSucceedsBeforeTheSchemaIsMigrated() throws Exception {
		try (WorkerDatabase database = WorkerDatabase.createEmpty();
				ConfigurableApplicationContext context = PipelineContext.start(database, OPENAI_512)) {
			assertThat(context.getBean(dev.langchain4j.model.embedding.EmbeddingModel.class).dimension())
				.isEqualTo(512);
		}
	}

}
