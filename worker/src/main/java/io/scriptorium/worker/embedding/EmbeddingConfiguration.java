package io.scriptorium.worker.embedding;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.scriptorium.workflows.embedding.EmbeddingModelFactory;
import io.scriptorium.workflows.embedding.EmbeddingSettings;
import io.scriptorium.workflows.embedding.TokenCounter;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The embedding model, its tokenizer and the startup check that the model fits the chunks table. */
@Configuration(proxyBeanMethods = false)
class EmbeddingConfiguration {

	@Bean
	EmbeddingSettings embeddingSettings(EmbeddingProperties properties) {
		return properties.toSettings();
	}

	@Bean
	EmbeddingModel embeddingModel(EmbeddingSettings settings) {
		return EmbeddingModelFactory.create(settings);
	}

	@Bean
	TokenCounter embeddingTokenCounter(EmbeddingSettings settings) {
		return TokenCounter.create(settings);
	}

	@Bean
	EmbeddingDimensionCheck embeddingDimensionCheck(DataSource dataSource, EmbeddingModel model,
			EmbeddingSettings settings) {
		return new EmbeddingDimensionCheck(dataSource, model, settings);
	}

}
