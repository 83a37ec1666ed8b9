package io.scriptorium.worker.ocr;

import io.scriptorium.worker.sandbox.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code tesseract} command: one process per page, on one core (OpenMP off: pages run in parallel instead,
 * which uses the cores better), writing the text and the words' confidences in one run.
 */
final class Tesseract {

	/** What Tesseract read on a page: its text and the mean confidence (0-100) of its words, null without words. */
	record Recognized(String text, Double confidence) {
	}

	/** The page took longer than its time. */
	static final class TimedOut extends Exception {

		TimedOut(String message) {
			super(message, null, false, false);
		}

	}

	private final String command;

	Tesseract(String command) {
		this.command = command;
	}

	Recognized recognize(Path image, int dpi, String language, Duration timeout) throws IOException, TimedOut {
		Path base = image.resolveSibling(image.getFileName() + ".ocr");
		run(List.of(this.command, image.toString(), base.toString(), "-l", language, "--dpi", String.valueOf(dpi),
				"txt", "tsv"), timeout, image.resolveSibling(image.getFileName() + ".log"));
		String text = Files.readString(base.resolveSibling(base.getFileName() + ".txt"), StandardCharsets.UTF_8);
		return new Recognized(text, meanConfidence(base.resolveSibling(base.getFileName() + ".tsv")));
	}

	/** The languages whose traineddata is installed ({@code osd}, which is not one, left out). */
	List<String> languages(Path work) throws IOException, TimedOut {
		Path out = work.resolve("tesseract-languages.txt");
		run(List.of(this.command, "--list-langs"), Duration.ofSeconds(30), out);
		List<String> languages = new ArrayList<>();
		for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
			String language = line.strip();
			if (!language.isEmpty() && !line.startsWith("List of") && !language.equals("osd")) {
				languages.add(language);
			}
		}
		return languages;
	}

	private static void run(List<String> command, Duration timeout, Path output) throws IOException, TimedOut {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
		Map<String, String> environment = builder.environment();
		environment.put("OMP_THREAD_LIMIT", "1");
		Process process = builder.start();
		try {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new TimedOut("Tesseract took longer than " + timeout.toSeconds() + " s");
			}
			if (process.exitValue() != 0) {
				throw new IOException("Tesseract exited with status " + process.exitValue() + ": "
						+ tail(output));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while Tesseract ran", ex);
		}
		finally {
			Processes.kill(process);
		}
	}

	/** The mean of the words' confidences in Tesseract's TSV (level 5 rows; -1 marks rows that are not words). */
	static Double meanConfidence(Path tsv) throws IOException {
		double sum = 0;
		int words = 0;
		for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
			String[] columns = line.split("\t", -1);
			if (columns.length < 12 || !columns[0].equals("5") || columns[11].isBlank()) {
				continue;
			}
			double confidence = Double.parseDouble(columns[10]);
			if (confidence >= 0) {
				sum += confidence;
				words++;
			}
		}
		return (words == 0) ? null : sum / words;
	}

	private static String tail(Path output) throws IOException {
		String text = Files.readString(output, StandardCharsets.UTF_8).strip();
		return (text.length() > 500) ? text.substring(text.length() - 500) : text;
	}

}
