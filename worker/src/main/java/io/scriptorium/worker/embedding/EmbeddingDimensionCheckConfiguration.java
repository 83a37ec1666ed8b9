package io.scriptorium.worker.embedding;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.scriptorium.workflows.embeddingmodel.EmbeddingSettings;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The startup check that the model (built by the shared auto-configuration) fits the chunks table. */
@Configuration(proxyBeanMethods = false)
class EmbeddingDimensionCheckConfiguration {

	@Bean
	EmbeddingDimensionCheck embeddingDimensionCheck(DataSource dataSource, EmbeddingModel model,
			EmbeddingSettings settings) {
		return new EmbeddingDimensionCheck(dataSource, model, settings);
	}

}
