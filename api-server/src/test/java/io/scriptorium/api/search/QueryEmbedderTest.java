package io.scriptorium.api.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.scriptorium.workflows.embeddingmodel.EmbeddingModelFactory;
import io.scriptorium.workflows.embeddingmodel.EmbeddingModelProperties;
import io.scriptorium.workflows.embeddingmodel.EmbeddingSettings;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The in-process model, counted: a query asked again is answered from the cache. */
class QueryEmbedderTest {

	private final EmbeddingSettings settings = new EmbeddingModelProperties().toSettings();

	private final CountedModel model = new CountedModel(EmbeddingModelFactory.create(this.settings));

	@Test
	void aQueryAskedAgainIsNotEmbeddedAgain() {
		QueryEmbedder embedder = new QueryEmbedder(this.settings, this.model, new SearchProperties());

		float[] first = embedder.embed("what does the memo decide");
		float[] again = embedder.embed("what does the memo decide");
		embedder.embed("who signed the memo");

		assertThat(again).containsExactly(first);
		assertThat(this.model.texts.get()).isEqualTo(2);
	}

	@Test
	void withoutACacheEveryQueryIsEmbedded() {
		SearchProperties search = new SearchProperties();
		search.setQueryVectorCacheSize(0);
		QueryEmbedder embedder = new QueryEmbedder(this.settings, this.model, search);

		embedder.embed("what does the memo decide");
		embedder.embed("what does the memo decide");

		assertThat(this.model.texts.get()).isEqualTo(2);
	}

	/** Counts the texts it passes to the real model. */
	private static final class CountedModel implements EmbeddingModel {

		private final EmbeddingModel model;

		private final AtomicInteger texts = new AtomicInteger();

		CountedModel(EmbeddingModel model) {
			this.model = model;
		}

		@Override
		public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
			this.texts.addAndGet(segments.size());
			return this.model.embedAll(segments);
		}

	}

}
