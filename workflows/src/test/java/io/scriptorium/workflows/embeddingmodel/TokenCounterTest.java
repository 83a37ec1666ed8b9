package io.scriptorium.workflows.embeddingmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenCounterTest {

	private static final String SENTENCE = "The agency evaluated the proposals against the solicitation's criteria. ";

	private final TokenCounter counter = TokenCounter.create(EmbeddingModelFactoryTest.inProcess());

	@Test
	void inProcessCounterIncludesSpecialTokensAndDoesNotTruncate() {
		String longText = SENTENCE.repeat(40);

		assertThat(this.counter.count("")).isEqualTo(2);
		assertThat(this.counter.count("protest")).isEqualTo(3);
		assertThat(this.counter.count(longText)).isGreaterThan(128 * 3);
	}

	/**
	 * The counter agrees with the model: a change to the 128th token reaches the vector, a change past it does not
	 * (the bundled tokenizer truncates there).
	 */
	@Test
	void inProcessCounterMatchesWhereTheModelStopsReading() {
		EmbeddingModel model = EmbeddingModelFactory.create(EmbeddingModelFactoryTest.inProcess());
		String text = fillTo(128);
		assertThat(this.counter.count(text)).isEqualTo(128);

		String lastWordChanged = text.substring(0, text.lastIndexOf(' ')) + " zebra";
		String beyondLimit = text + " zebra giraffe";

		assertThat(this.counter.count(lastWordChanged)).isEqualTo(128);
		assertThat(model.embed(lastWordChanged).content().vector()).isNotEqualTo(model.embed(text).content().vector());
		assertThat(model.embed(beyondLimit).content().vector()).isEqualTo(model.embed(text).content().vector());
	}

	@Test
	void countingSeveralTextsAtOnceGivesTheSameCounts() {
		List<String> texts = List.of("", "protest", SENTENCE.repeat(20), "Ünïcödé – “quotes” and 数字 123.");

		int[] counts = this.counter.countEach(texts);

		assertThat(counts).containsExactly(texts.stream().mapToInt(this.counter::count).toArray());
	}

	@Test
	void openAiCounterUsesCl100k() {
		TokenCounter openAi = TokenCounter.create(EmbeddingModelFactoryTest.openAi("k").toSettings());

		assertThat(openAi.count("")).isZero();
		assertThat(openAi.count("hello world")).isEqualTo(2);
	}

	/** Single-token words until the count reaches {@code tokens}. */
	private String fillTo(int tokens) {
		StringBuilder text = new StringBuilder("cat");
		while (this.counter.count(text + " dog") <= tokens) {
			text.append(" dog");
		}
		return text.toString();
	}

}
