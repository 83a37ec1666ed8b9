package io.scriptorium.api.search;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.scriptorium.api.system.ApiException;
import io.scriptorium.workflows.boot.EmbeddingModelProperties;
import io.scriptorium.workflows.embedding.EmbeddingModelFactory;
import io.scriptorium.workflows.embedding.EmbeddingSettings;
import io.scriptorium.workflows.failure.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Embeds search queries with the model that embedded the chunks. The model is built on first use, so that the
 * API starts (and uploads work) even while the embedding provider is unreachable.
 */
@Component
class QueryEmbedder {

	private final EmbeddingSettings settings;

	private volatile EmbeddingModel model;

	QueryEmbedder(EmbeddingModelProperties properties) {
		this.settings = properties.toSettings();
	}

	float[] embed(String query) {
		float[] vector;
		try {
			vector = model().embed(query).content().vector();
		}
		catch (RuntimeException ex) {
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.EMBEDDING_FAILED,
					"The query could not be embedded; try again later", ex);
		}
		if (vector.length != this.settings.dimensions()) {
			throw new IllegalStateException("The embedding model returned " + vector.length
					+ " dimensions; scriptorium.embedding.dimensions is " + this.settings.dimensions());
		}
		return vector;
	}

	private EmbeddingModel model() {
		EmbeddingModel current = this.model;
		if (current == null) {
			synchronized (this) {
				current = this.model;
				if (current == null) {
					current = EmbeddingModelFactory.create(this.settings);
					this.model = current;
				}
			}
		}
		return current;
	}

}
