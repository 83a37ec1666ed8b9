package io.scriptorium.bench;

import io.scriptorium.client.ApiException;
import io.scriptorium.client.ScriptoriumClient;
import io.scriptorium.workflows.embeddingmodel.EmbeddingModelProperties;
import io.scriptorium.workflows.embeddingmodel.EmbeddingSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The platform's own ceiling, with the model out of the way: the stack's worker is replaced by one pointed at the
 * {@link InstantEmbeddingEndpoint} (a bench instrument, not a model), the files go through the API as in the
 * orchestrated passes, and the same files go through the worker's parser and chunker alone in this JVM
 * ({@link ParseAndChunkAlone}). Afterwards the documents that worker made are deleted (their vectors mean nothing
 * and their model is not the API's) and the stack's own worker is started again.
 */
final class PlatformCeiling {

	static final String INSTRUMENT = "instant embedding endpoint (bench instrument, not a model)";

	/**
	 * What the parser reads without LibreOffice: conversion and OCR are the platform's work too, but neither is
	 * parse-and-chunk's, so files that need them would charge the platform for work the other side never does.
	 */
	private static final Set<String> PARSED_DIRECTLY = Set.of("pdf", "txt", "md", "html");

	/** Past this size a file is left out of the warm-ups, as in the orchestrated passes. */
	private static final long WARM_UP_BYTES = 100_000;

	/** Both sides of one measurement, and what the instrument answered during the timed pass. */
	record Measurement(ParseAndChunkAlone.Run alone, OrchestratedIngestion.Pass platform, long endpointRequests,
			long endpointTexts) {

		double pagesRatio() {
			return (this.platform.pages() / this.platform.seconds()) / this.alone.pagesPerSecond();
		}

	}

	private final ScriptoriumClient api;

	private final StackWorker worker;

	PlatformCeiling(ScriptoriumClient api, StackWorker worker) {
		this.api = api;
		this.worker = worker;
	}

	/** The files of the quick corpus that need neither conversion nor OCR: a pass of a few minutes. */
	static List<CorpusFile> files(List<CorpusFile> quickCorpus) {
		return quickCorpus.stream()
			.filter(f -> PARSED_DIRECTLY.contains(f.kind()))
			.filter(f -> !f.name().contains("-scan-"))
			.toList();
	}

	/** The settings the instrument's worker runs with; the in-JVM chunker sizes chunks with the same. */
	static EmbeddingModelProperties workerSettings(String baseUrl) {
		EmbeddingModelProperties properties = new EmbeddingModelProperties();
		properties.setProvider(EmbeddingSettings.OPENAI);
		properties.setDimensions(InstantEmbeddingEndpoint.DIMENSIONS);
		properties.getOpenai().setBaseUrl(baseUrl);
		properties.getOpenai().setApiKey("not-a-key");
		properties.getOpenai().setModel(InstantEmbeddingEndpoint.MODEL);
		return properties;
	}

	Measurement measure(List<CorpusFile> files, Duration timeout) throws IOException, InterruptedException {
		List<CorpusFile> small = files.stream().filter(f -> f.bytes() < WARM_UP_BYTES).toList();
		try (InstantEmbeddingEndpoint endpoint = InstantEmbeddingEndpoint.start()) {
			EmbeddingModelProperties settings = workerSettings(endpoint.baseUrl());
			ParseAndChunkAlone alone = new ParseAndChunkAlone(settings.toSettings());
			// The bench's JVM warms up on the small files as the worker does in the warm-up pass below.
			alone.run(small, timeout);
			ParseAndChunkAlone.Run aloneRun = alone.run(files, timeout);
			log("parse-and-chunk alone: %d docs, %d pages, %d chunks in %.1f s%s", aloneRun.documents(),
					aloneRun.pages(), aloneRun.chunks(), aloneRun.seconds(),
					aloneRun.failures().isEmpty() ? "" : " failures: " + aloneRun.failures());
			log("worker pointed at the %s at %s", INSTRUMENT, endpoint.baseUrl());
			Set<UUID> made = new LinkedHashSet<>();
			try {
				this.worker.restartWith(environment(settings));
				OrchestratedIngestion ingestion = new OrchestratedIngestion(this.api);
				OrchestratedIngestion.Pass warmUp = ingestion.pass(small, true, timeout);
				warmUp.outcomes().forEach(o -> made.add(o.id()));
				long requestsBefore = endpoint.requests();
				long textsBefore = endpoint.texts();
				OrchestratedIngestion.Pass pass = ingestion.pass(files, true, timeout);
				pass.outcomes().forEach(o -> made.add(o.id()));
				log("model out of the way: %.1f s, %d/%d READY, %d pages, %d chunks%s", pass.seconds(), pass.ready(),
						files.size(), pass.pages(), pass.chunks(), pass.timedOut() ? " (TIMED OUT)" : "");
				return new Measurement(aloneRun, pass, endpoint.requests() - requestsBefore,
						endpoint.texts() - textsBefore);
			}
			finally {
				try {
					delete(made);
				}
				finally {
					keepLog();
					log("restoring the stack's own worker");
					this.worker.restore();
				}
			}
		}
	}

	/** The results for the JSON file. */
	static Map<String, Object> results(Measurement measurement, List<CorpusFile> files) {
		OrchestratedIngestion.Pass pass = measurement.platform();
		ParseAndChunkAlone.Run alone = measurement.alone();
		Map<String, Object> platform = new LinkedHashMap<>();
		platform.put("seconds", Stats.round(pass.seconds(), 2));
		platform.put("documentsReady", pass.ready());
		platform.put("pages", pass.pages());
		platform.put("chunks", pass.chunks());
		platform.put("pagesPerSecond", Stats.round(pass.pages() / pass.seconds(), 2));
		platform.put("chunksPerSecond", Stats.round(pass.chunks() / pass.seconds(), 2));
		platform.put("timedOut", pass.timedOut());
		platform.put("outcomes", pass.outcomes());
		Map<String, Object> inJvm = new LinkedHashMap<>();
		inJvm.put("seconds", Stats.round(alone.seconds(), 2));
		inJvm.put("documents", alone.documents());
		inJvm.put("pages", alone.pages());
		inJvm.put("chunks", alone.chunks());
		inJvm.put("pagesPerSecond", Stats.round(alone.pagesPerSecond(), 2));
		inJvm.put("chunksPerSecond", Stats.round(alone.chunksPerSecond(), 2));
		inJvm.put("failures", alone.failures());
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("embedding", Map.of("endpoint", INSTRUMENT, "model", InstantEmbeddingEndpoint.MODEL, "requests",
				measurement.endpointRequests(), "texts", measurement.endpointTexts()));
		out.put("files", files.stream().map(CorpusFile::name).toList());
		out.put("platformWithTheModelOutOfTheWay", platform);
		out.put("parseAndChunkAloneInOneJvm", inJvm);
		out.put("pagesRatio", Stats.round(measurement.pagesRatio(), 3));
		return out;
	}

	private Map<String, String> environment(EmbeddingModelProperties settings) {
		// Boot's relaxed binding: dots become underscores, dashes go.
		return Map.of("SCRIPTORIUM_EMBEDDING_PROVIDER", settings.getProvider(),
				"SCRIPTORIUM_EMBEDDING_DIMENSIONS", String.valueOf(settings.getDimensions()),
				"SCRIPTORIUM_EMBEDDING_OPENAI_BASEURL", settings.getOpenai().getBaseUrl(),
				"SCRIPTORIUM_EMBEDDING_OPENAI_APIKEY", settings.getOpenai().getApiKey(),
				"SCRIPTORIUM_EMBEDDING_OPENAI_MODEL", settings.getOpenai().getModel());
	}

	/** Nothing stops the restore: a log that cannot be copied is only reported. */
	private void keepLog() {
		try {
			log("the instrument's worker logged to %s", this.worker.keepLog("model-out-of-the-way"));
		}
		catch (IOException ex) {
			log("could not keep the instrument's worker log: %s", ex.getMessage());
		}
	}

	private void delete(Set<UUID> documents) throws InterruptedException {
		int deleted = 0;
		for (UUID id : documents) {
			try {
				this.api.delete(id);
				deleted++;
			}
			catch (ApiException ex) {
				// Deleted already (by another client, or a pass before): gone is what was asked.
				if (ex.status() == 404) {
					deleted++;
				}
				else {
					log("could not delete document %s: %s", id, ex.getMessage());
				}
			}
			catch (IOException ex) {
				log("could not delete document %s: %s", id, ex.getMessage());
			}
		}
		log("deleted the %d documents embedded by the instrument", deleted);
	}

	private static void log(String format, Object... args) {
		System.err.printf("[bench] " + format + "%n", args);
	}

}
