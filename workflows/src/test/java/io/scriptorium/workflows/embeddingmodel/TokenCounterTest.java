package io.scriptorium.workflows.embeddingmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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
	 * The counter agrees with the model: a change to the last token of its window reaches the vector, a change past
	 * it does not (the bundled tokenizer truncates there).
	 */
	@ParameterizedTest
	@EnumSource(InProcessModel.class)
	void inProcessCounterMatchesWhereTheModelStopsReading(InProcessModel choice) {
		EmbeddingModelProperties properties = new EmbeddingModelProperties();
		properties.getInProcess().setModel(choice);
		EmbeddingSettings settings = properties.toSettings();
		EmbeddingModel model = EmbeddingModelFactory.create(settings);
		TokenCounter counter = TokenCounter.create(settings);
		int window = settings.maxTokens();
		String text = fillTo(counter, window);
		assertThat(counter.count(text)).isEqualTo(window);

		String lastWordChanged = text.substring(0, text.lastIndexOf(' ')) + " zebra";
		String beyondLimit = text + " zebra giraffe";

		assertThat(counter.count(lastWordChanged)).isEqualTo(window);
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
	private static String fillTo(TokenCounter counter, int tokens) {
		StringBuilder text = new StringBuilder("cat");
		while (counter.count(text + " dog") <= tokens) {
			text.append(" dog");
		}
		return text.toString();
	}

}
