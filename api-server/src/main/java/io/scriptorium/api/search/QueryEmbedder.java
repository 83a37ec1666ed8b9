package io.scriptorium.api.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.scriptorium.api.system.ApiException;
import io.scriptorium.workflows.embeddingmodel.EmbeddingSettings;
import io.scriptorium.workflows.failure.ErrorCode;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Embeds search queries with the model that embedded the chunks (the shared auto-configuration's bean, built on
 * first use so that the API starts, and uploads work, while the embedding provider is unreachable). Vectors are
 * cached by model and query text; a failed embedding is not cached.
 */
@Component
class QueryEmbedder {

	private final EmbeddingSettings settings;

	private final EmbeddingModel model;

	private final Cache<String, float[]> vectors;

	QueryEmbedder(EmbeddingSettings settings, @Lazy EmbeddingModel model, SearchProperties search) {
		this.settings = settings;
		this.model = model;
		// Caffeine evicts in the background, so that a size of 0 would still keep a vector for a moment: no cache.
		this.vectors = (search.getQueryVectorCacheSize() > 0)
				? Caffeine.newBuilder().maximumSize(search.getQueryVectorCacheSize()).build() : null;
	}

	/** The name stored with the chunks this embedder's vectors can be compared with. */
	String modelName() {
		return this.settings.model();
	}

	float[] embed(String query) {
		if (this.vectors == null) {
			return embedUncached(query);
		}
		// The key names the model, so that a vector is only ever compared with the chunks of the model that made it.
		return this.vectors.get(this.settings.model() + '\n' + query, (key) -> embedUncached(query));
	}

	private float[] embedUncached(String query) {
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
