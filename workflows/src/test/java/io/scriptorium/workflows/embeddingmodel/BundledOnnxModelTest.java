package io.scriptorium.workflows.embeddingmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The session set up for the cores must not change a single vector: chunks embedded by LangChain4j's own class
 * (before this one existed, or by another worker) have to stay comparable with queries embedded now.
 */
class BundledOnnxModelTest {

	private static final List<TextSegment> TEXTS = IntStream.range(0, 24)
		.mapToObj(i -> TextSegment.from("Paragraph " + i + ": the taxpayer must report every item of income, "
				+ "including wages, interest and dividends, unless section " + (100 + i) + " excludes it."
				+ " ".repeat(i % 3) + "A shorter sentence follows.".repeat(1 + i % 4)))
		.toList();

	@Test
	void bgeEmbedsEveryTextExactlyAsLangChain4jsOwnModelDoes() {
		List<Embedding> reference = new BgeSmallEnV15QuantizedEmbeddingModel().embedAll(TEXTS).content();

		List<Embedding> vectors = new BundledOnnxModel(InProcessModel.BGE_SMALL_EN_V15_Q, 0, 1).embedAll(TEXTS)
			.content();

		for (int i = 0; i < vectors.size(); i++) {
			assertThat(CosineSimilarity.between(vectors.get(i), reference.get(i))).as("text %d", i)
				.isGreaterThan(0.99999);
		}
	}

	@Test
	void embedsEveryTextExactlyAsLangChain4jsOwnModelDoes() {
		List<Embedding> reference = new AllMiniLmL6V2QuantizedEmbeddingModel().embedAll(TEXTS).content();

		for (EmbeddingModel model : List.of(new BundledOnnxModel(InProcessModel.ALL_MINILM_L6_V2_Q, 0, 1),
				new BundledOnnxModel(InProcessModel.ALL_MINILM_L6_V2_Q, 2, 0),
				new BundledOnnxModel(InProcessModel.ALL_MINILM_L6_V2_Q, 1, 2))) {
			List<Embedding> vectors = model.embedAll(TEXTS).content();

			assertThat(vectors).hasSameSizeAs(reference);
			for (int i = 0; i < vectors.size(); i++) {
				assertThat(CosineSimilarity.between(vectors.get(i), reference.get(i))).as("text %d", i)
					.isGreaterThan(0.99999);
			}
			assertThat(model.embed(TEXTS.get(5).text()).content().vector()).containsExactly(vectors.get(5).vector());
		}
	}

}
