package io.scriptorium.worker.parsing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextLanguageTest {

	@Test
	void proseIsReadAsItsLanguage() {
		assertThat(TextLanguage.of("""
				The agency evaluated the proposals against the solicitation's criteria, and it found that the protester
				was not prejudiced by the evaluation. The protest is denied because the record shows that the award was
				reasonable and consistent with the terms of the solicitation, which the offerors had to follow.""")).isEqualTo("english");
		assertThat(TextLanguage.of("""
				Die Arbeit untersucht die Stabilität der numerischen Verfahren, die für die Lösung der Gleichungen
				verwendet werden. Dabei wird gezeigt, dass die Fehler nicht mit der Zahl der Schritte wachsen und dass
				das Verfahren auch bei großen Zeitschritten stabil ist, wenn die Bedingung erfüllt wird.""")).isEqualTo("german");
	}

	@Test
	void languagesWithoutAStemmerAndTooLittleTextAreSimple() {
		assertThat(TextLanguage.of("""
				스타벅스, 투썸플레이스, 카페베네, 탐앤탐스 커피전문점 빅포인트 적립 대상 브랜드 전월 이용금액 40만원 이상 시
				제공 서비스 조건 카드 이용 혜택 할인 적립 포인트 제공 기준 전월 실적 안내 주요 서비스 이용 조건 안내
				스타벅스, 투썸플레이스, 카페베네, 탐앤탐스 커피전문점 빅포인트 적립 대상 브랜드 전월 이용금액 40만원""")).isEqualTo("simple");
		assertThat(TextLanguage.of("The protest is denied.")).isEqualTo("simple");
		assertThat(TextLanguage.of("1,234 5,678 9,012 ".repeat(50))).isEqualTo("simple");
	}

}
