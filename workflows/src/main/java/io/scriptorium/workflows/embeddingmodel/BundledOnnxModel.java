package io.scriptorium.workflows.embeddingmodel;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link InProcessModel} from LangChain4j's jars, on an ONNX Runtime session sized for the cores it shares.
 * LangChain4j's own classes embed as many texts at once as there are cores, each on a session that
 * also uses every core: on 2 cores that is 4 busy inference threads, more when two activities embed at once. One
 * thread per text and one text per core gives the same vectors 1.3× faster on 2 cores; a single text (a search
 * query) is faster on every core, which is what the api-server configures.
 */
final class BundledOnnxModel extends AbstractInProcessEmbeddingModel {

	private final OnnxBertBiEncoder encoder;

	/**
	 * @param parallelTexts texts embedded at once, shared by every caller of this instance (0: one per core)
	 * @param threadsPerText threads one text's inference uses (0: one per core)
	 */
	BundledOnnxModel(InProcessModel model, int parallelTexts, int threadsPerText) {
		super(executor(orCores(parallelTexts)));
		DjlTelemetry.optOut();
		OrtEnvironment environment = OrtEnvironment.getEnvironment();
		try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
				InputStream tokenizer = resource(model.tokenizerResource())) {
			options.setIntraOpNumThreads(orCores(threadsPerText));
			options.setInterOpNumThreads(1);
			// Threads that spin between operators would take the core from the other texts and from the rest of the
			// worker (parsing, LibreOffice) for the few microseconds they save.
			options.addConfigEntry("session.intra_op.allow_spinning", "0");
			OrtSession session = environment.createSession(bytes(model.onnxResource()), options);
			this.encoder = new OnnxBertBiEncoder(environment, session, tokenizer, model.pooling());
		}
		catch (OrtException ex) {
			throw new IllegalStateException("Could not load the in-process embedding model " + model.modelName(), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	protected OnnxBertBiEncoder model() {
		return this.encoder;
	}

	@Override
	protected Integer knownDimension() {
		return InProcessModel.DIMENSIONS;
	}

	private static int orCores(int count) {
		return (count > 0) ? count : Runtime.getRuntime().availableProcessors();
	}

	private static Executor executor(int threads) {
		AtomicInteger number = new AtomicInteger();
		ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES,
				new LinkedBlockingQueue<>(), task -> {
					Thread thread = new Thread(task, "embedding-" + number.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	private static byte[] bytes(String resource) throws IOException {
		try (InputStream model = resource(resource)) {
			return model.readAllBytes();
		}
	}

	static InputStream resource(String name) {
		InputStream stream = BundledOnnxModel.class.getResourceAsStream(name);
		if (stream == null) {
			throw new IllegalStateException(name + " is missing: is its langchain4j-embeddings jar on the classpath?");
		}
		return stream;
	}

}
