package io.scriptorium.worker.chunking;

import io.scriptorium.worker.embedding.EmbeddingBatches;
import io.scriptorium.workflows.chunking.ChunkingResult;
import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.document.DocumentType;
import io.scriptorium.workflows.embeddingmodel.EmbeddingSettings;
import io.scriptorium.workflows.embeddingmodel.TokenCounter;
import io.scriptorium.workflows.failure.ErrorCode;
import io.scriptorium.workflows.failure.Failures;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chunks a document's pages in one transaction: the chunks of an earlier attempt are deleted and the new ones
 * inserted as they come, so a retry leaves exactly one row per chunk index and a crash leaves the old set. Run by
 * the chunking activity, and by the parsing activity straight after the pages it wrote when they need no OCR.
 */
@Component
public class DocumentChunker {

	private static final Logger log = LoggerFactory.getLogger(DocumentChunker.class);

	private static final int INSERT_BATCH = 256;

	private final ChunkStore store;

	private final TransactionTemplate transaction;

	private final TokenCounter counter;

	private final int maxTokens;

	private final int overlapTokens;

	private final EmbeddingBatches batches;

	DocumentChunker(ChunkStore store, TransactionTemplate transaction, TokenCounter counter,
			ChunkingProperties chunking, EmbeddingSettings embedding, EmbeddingBatches batches) {
		this.store = store;
		this.transaction = transaction;
		this.counter = counter;
		this.batches = batches;
		this.maxTokens = maxTokens(chunking, embedding);
		this.overlapTokens = chunking.getOverlapTokens();
		// At startup, not with the first document.
		TextChunker.requireValidOverlap(this.maxTokens, this.overlapTokens);
	}

	/**
	 * Chunks the document's pages and plans their embedding; {@code heartbeat} runs after each fetch of pages, for
	 * the activity to tell Temporal it is alive (with details of its own).
	 */
	public ChunkingResult chunk(DocumentRef document, Runnable heartbeat) {
		UUID id = document.documentId();
		long[] tokens = { 0 };
		Integer stored = this.transaction.execute(status -> {
			ChunkStore.DocumentInfo info = this.store.document(id)
				.orElseThrow(() -> Failures.nonRetryable(ErrorCode.DOCUMENT_NOT_FOUND, document,
						"the document was deleted before it could be chunked"));
			// Text formats have no pages: their rows are segments, and a chunk's page would mean nothing.
			boolean paged = !DocumentType.valueOf(info.contentType()).isText();
			this.store.deleteChunks(id);
			List<Chunk> batch = new ArrayList<>(INSERT_BATCH);
			tokens[0] = 0;
			TextChunker chunker = new TextChunker(this.counter, this.maxTokens, this.overlapTokens, chunk -> {
				tokens[0] += chunk.tokenCount();
				batch.add(chunk);
				if (batch.size() == INSERT_BATCH) {
					this.store.insert(id, info.language(), batch);
					batch.clear();
				}
			});
			Sections sections = new Sections(this.store.headings(id));
			chunker.section(null, Sections.context(info.title(), null));
			this.store.forEachPage(id, (page, text) -> chunkPage(chunker, sections, info.title(), page, text, paged),
					heartbeat);
			chunker.finish();
			this.store.insert(id, info.language(), batch);
			return chunker.chunkCount();
		});
		log.info("Document {} ('{}') chunked into {} chunks of at most {} tokens", id, document.filename(), stored,
				this.maxTokens);
		return this.batches.plan(stored, tokens[0]);
	}

	/** Feeds one page to {@code chunker}, cut where its sections start; a text format's segments get no page. */
	static void chunkPage(TextChunker chunker, Sections sections, String title, int page, String text,
			boolean paged) {
		for (Sections.Piece piece : sections.split(page, text)) {
			chunker.section(piece.section(), Sections.context(title, piece.section()));
			chunker.add(paged ? page : null, piece.text());
		}
	}

	/** The chunk size: the configured one, but never more than the model reads. */
	static int maxTokens(ChunkingProperties chunking, EmbeddingSettings embedding) {
		int modelLimit = embedding.maxTokens();
		if (chunking.getMaxTokens() > modelLimit) {
			log.info("scriptorium.chunking.max-tokens={} is more than the model reads"
					+ " (scriptorium.embedding.max-tokens={}): chunks are capped at {}", chunking.getMaxTokens(),
					modelLimit, modelLimit);
			return modelLimit;
		}
		return chunking.getMaxTokens();
	}

}
