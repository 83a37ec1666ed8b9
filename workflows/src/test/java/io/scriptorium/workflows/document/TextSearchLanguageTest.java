package io.scriptorium.workflows.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextSearchLanguageTest {

	@Test
	void cjkRunsBecomeOverlappingPairsAndOtherScriptsNothing() {
		assertThat(TextSearchLanguage.cjkBigrams("적립 혜택을 Starbucks 스타벅스, 東京タワー")).isEqualTo(
				"적립 혜택 택을 스타 타벅 벅스 東京 京タ タワ");
		assertThat(TextSearchLanguage.cjkBigrams("Form 4070: tips")).isEmpty();
		assertThat(TextSearchLanguage.cjkBigrams("한 글")).isEmpty();
	}

	@Test
	void everyLanguageIsAPostgresConfiguration() {
		assertThat(TextSearchLanguage.configs()).contains("simple", "english", "german").doesNotHaveDuplicates();
	}

}
