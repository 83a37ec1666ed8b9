package io.scriptorium.worker.ocr;

import io.scriptorium.worker.sandbox.ChildJvm;
import io.scriptorium.worker.sandbox.Processes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Renders pages of a PDF to image files in a {@link PageRenderMain} process, handing each page over as soon as it is
 * written: the next page renders while the caller recognises this one. A page that takes longer than the page
 * timeout, or that exhausts the process's heap, ends the process and the batch with a {@link RenderFailure}.
 */
final class PageRenderer {

	/** A rendered page: its number, the resolution it was rendered at, the image file. */
	record Rendered(int page, int dpi, Path image) {
	}

	@FunctionalInterface
	interface PageHandler {

		void rendered(Rendered page) throws IOException, Tesseract.TimedOut;

	}

	/** Why a page could not be rendered. */
	enum Failure {

		TIMED_OUT, OUT_OF_MEMORY, CRASHED

	}

	static final class RenderFailure extends Exception {

		private final Failure failure;

		private final int page;

		RenderFailure(Failure failure, int page, String message) {
			super(message, null, false, false);
			this.failure = failure;
			this.page = page;
		}

		Failure failure() {
			return this.failure;
		}

		int page() {
			return this.page;
		}

	}

	private final OcrProperties properties;

	private final ScheduledExecutorService watchdogs;

	PageRenderer(OcrProperties properties, ScheduledExecutorService watchdogs) {
		this.properties = properties;
		this.watchdogs = watchdogs;
	}

	void render(Path pdf, List<Integer> pages, Path directory, PageHandler handler)
			throws IOException, RenderFailure, Tesseract.TimedOut {
		List<String> args = new ArrayList<>(List.of(pdf.toAbsolutePath().toString(),
				String.valueOf(this.properties.getDpi()), String.valueOf(this.properties.getMaxPixels()),
				directory.toAbsolutePath().toString()));
		pages.forEach((page) -> args.add(String.valueOf(page)));
		Path stderr = directory.resolve("renderer.log");
		Process process = ChildJvm
			.builder(PageRenderMain.class, this.properties.getRenderHeap(), args)
			.redirectError(stderr.toFile())
			.start();
		AtomicBoolean timedOut = new AtomicBoolean();
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (int page : pages) {
				ScheduledFuture<?> kill = this.watchdogs.schedule(() -> {
					timedOut.set(true);
					process.destroyForcibly();
				}, this.properties.getPageTimeout().toMillis(), TimeUnit.MILLISECONDS);
				String line;
				try {
					line = lines.readLine();
				}
				finally {
					kill.cancel(false);
				}
				if (line == null) {
					throw failure(process, page, timedOut.get());
				}
				String[] parts = line.split(" ");
				handler.rendered(new Rendered(page, Integer.parseInt(parts[1]),
						directory.resolve("page-" + page + ".pgm")));
			}
		}
		finally {
			Processes.kill(process);
		}
	}

	private RenderFailure failure(Process process, int page, boolean timedOut) {
		if (timedOut) {
			return new RenderFailure(Failure.TIMED_OUT, page, "rendering page " + page + " took longer than "
					+ this.properties.getPageTimeout().toSeconds() + " s");
		}
		Integer exit = null;
		try {
			if (process.waitFor(10, TimeUnit.SECONDS)) {
				exit = process.exitValue();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (exit != null && exit == ChildJvm.OUT_OF_MEMORY_EXIT) {
			return new RenderFailure(Failure.OUT_OF_MEMORY, page, "rendering page " + page + " needs more than "
					+ this.properties.getRenderHeap().toMegabytes() + " MB of memory");
		}
		return new RenderFailure(Failure.CRASHED, page,
				"the page renderer exited with status " + exit + " at page " + page);
	}

}
