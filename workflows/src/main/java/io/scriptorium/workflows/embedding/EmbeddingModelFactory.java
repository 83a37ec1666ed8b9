package io.scriptorium.workflows.embedding;

import dev.langchain4j.model.embedding.EmbeddingModel;

/**
 * Builds the {@link EmbeddingModel} that {@link EmbeddingSettings} describe. Shared by the worker and the
 * api-server so that documents and queries are embedded by the same model.
 */
public final class EmbeddingModelFactory {

	private EmbeddingModelFactory() {
	}

	public static EmbeddingModel create(EmbeddingSettings settings) {
		throw new UnsupportedOperationException("TODO: implemented by the embedding work");
	}

}
