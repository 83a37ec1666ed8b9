package io.scriptorium.workflows.embeddingmodel;

import dev.langchain4j.model.embedding.EmbeddingModel;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * The one embedding model (and its token counter) of an app, built from {@code scriptorium.embedding.*}: the worker
 * embeds chunks with it, the api-server queries. Lazy, so that an app starts, and uploads work, before a remote
 * provider answers; the worker asks for the model at startup anyway (its dimension check).
 */
@AutoConfiguration
@EnableConfigurationProperties(EmbeddingModelProperties.class)
public class EmbeddingModelAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EmbeddingSettings embeddingSettings(EmbeddingModelProperties properties) {
		return properties.toSettings();
	}

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	EmbeddingModel embeddingModel(EmbeddingSettings settings) {
		return EmbeddingModelFactory.create(settings);
	}

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	TokenCounter embeddingTokenCounter(EmbeddingSettings settings) {
		return TokenCounter.create(settings);
	}

}
