package io.scriptorium.workflows.testing;

import java.util.Map;
import java.util.Optional;

/** Reading a scrape of {@code /actuator/prometheus} (Prometheus' text format). */
public final class PrometheusText {

	private PrometheusText() {
	}

	/** The value of the sample {@code name} whose labels include {@code labels}. */
	public static Optional<Double> sample(String scrape, String name, Map<String, String> labels) {
		return scrape.lines()
			.filter((line) -> line.startsWith(name + " ") || line.startsWith(name + "{"))
			.filter((line) -> labels.entrySet()
				.stream()
				.allMatch((label) -> line.contains(label.getKey() + "=\"" + label.getValue() + "\"")))
			.map((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst();
	}

}
