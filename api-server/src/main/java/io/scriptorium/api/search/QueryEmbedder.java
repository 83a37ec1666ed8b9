package io.scriptorium.api.search;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.scriptorium.api.system.ApiException;
import io.scriptorium.workflows.embeddingmodel.EmbeddingSettings;
import io.scriptorium.workflows.failure.ErrorCode;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Embeds search queries with the model that embedded the chunks (the shared auto-configuration's bean, built on
 * first use so that the API starts, and uploads work, while the embedding provider is unreachable).
 */
@Component
class QueryEmbedder {

	private final EmbeddingSettings settings;

	private final EmbeddingModel model;

	QueryEmbedder(EmbeddingSettings settings, @Lazy EmbeddingModel model) {
		this.settings = settings;
		this.model = model;
	}

	/** The name stored with the chunks this embedder's vectors can be compared with. */
	String modelName() {
		return this.settings.model();
	}

	float[] embed(String query) {
		float[] vector;
		try {
			vector = this.model.embed(this.settings.queryText(query)).content().vector();
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

}
