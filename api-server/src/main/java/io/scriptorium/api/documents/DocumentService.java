package io.scriptorium.api.documents;

import io.scriptorium.api.system.ApiException;
import io.scriptorium.api.webhooks.WebhookService;
import io.scriptorium.workflows.WorkflowIds;
import io.scriptorium.workflows.document.DocumentStatus;
import io.scriptorium.workflows.embeddingmodel.EmbeddingSettings;
import io.scriptorium.workflows.ingestion.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The document lifecycle: stores a new document and starts its workflow, reads documents, and deletes or re-runs
 * them in step with their workflows. The same bytes are the same document (unique SHA-256), so uploading them again
 * starts nothing unless a reprocess is asked for, and keeps the collection and metadata of the first upload.
 */
@Service
public class DocumentService {

	private static final Logger log = LoggerFactory.getLogger(DocumentService.class);

	/** A new run may start only from these: a run in flight owns the document. */
	private static final List<DocumentStatus> RESTARTABLE = List.of(DocumentStatus.READY, DocumentStatus.FAILED,
			DocumentStatus.CANCELLED);

	private static final List<DocumentStatus> RETRYABLE = List.of(DocumentStatus.FAILED, DocumentStatus.CANCELLED);

	private final DocumentRepository documents;

	private final ChunkRepository chunks;

	private final DocumentWorkflows workflows;

	private final TransactionTemplate transaction;

	private final DocumentsProperties properties;

	private final EmbeddingSettings embedding;

	private final WebhookService webhooks;

	DocumentService(DocumentRepository documents, ChunkRepository chunks, DocumentWorkflows workflows,
			TransactionTemplate transaction, DocumentsProperties properties, EmbeddingSettings embedding,
			WebhookService webhooks) {
		this.documents = documents;
		this.chunks = chunks;
		this.workflows = workflows;
		this.transaction = transaction;
		this.properties = properties;
		this.embedding = embedding;
		this.webhooks = webhooks;
	}

	/**
	 * @param reprocess start a new run if the bytes are already a document (409 while one is in flight)
	 * <p>
	 * A callback is registered before the run starts, so it cannot miss the run's end; for known bytes only if a
	 * run is still to end (the answer has the status of a finished one).
	 */
	public Ingestion ingest(NewDocument upload, boolean reprocess) {
		Optional<DocumentRecord> known = this.documents.findBySha256(upload.sha256());
		if (known.isPresent()) {
			UUID knownId = known.get().id();
			if (reprocess) {
				String secret = callback(knownId, upload);
				try {
					return new Ingestion(restart(knownId, RESTARTABLE), true, secret);
				}
				catch (RuntimeException ex) {
					if (secret != null) {
						this.webhooks.dropCallback(knownId, secret);
					}
					throw ex;
				}
			}
			String secret = known.get().status().isTerminal() ? null : callback(knownId, upload);
			return new Ingestion(known.get(), false, secret);
		}
		UUID id = UUID.randomUUID();
		String secret;
		try {
			secret = store(id, upload);
		}
		catch (DuplicateKeyException ex) {
			// A concurrent upload of the same bytes committed first: its document is this one.
			return new Ingestion(this.documents.findBySha256(upload.sha256()).orElseThrow(() -> ex), false, null);
		}
		DocumentRecord document = require(id);
		try {
			this.workflows.start(document.ingestionRequest());
		}
		catch (ApiException ex) {
			// Nothing may stay PENDING with no run to move it on.
			this.documents.delete(id);
			throw ex;
		}
		return new Ingestion(document, true, secret);
	}

	/**
	 * @param started whether a workflow run was started for it
	 * @param callbackSecret the secret the callback's deliveries are signed with, if one was registered
	 */
	public record Ingestion(DocumentRecord document, boolean started, String callbackSecret) {
	}

	private String callback(UUID id, NewDocument upload) {
		return (upload.callbackUrl() == null) ? null : this.webhooks.registerCallback(id, upload.callbackUrl());
	}

	/** The document, its bytes and its callback, together or not at all. */
	private String store(UUID id, NewDocument upload) {
		return this.transaction.execute(status -> {
			this.documents.insert(id, upload.filename(), upload.type(), upload.sha256(), upload.sizeBytes(),
					WorkflowIds.forDocument(id), upload.collection(), upload.metadata(), upload.ocrLanguage());
			try (InputStream content = upload.content().getInputStream()) {
				this.documents.insertOriginal(id, content, upload.sizeBytes());
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not read the uploaded file", ex);
			}
			return callback(id, upload);
		});
	}

	DocumentResponse response(DocumentRecord document, Progress progress) {
		return DocumentResponse.of(document, progress, this.embedding.model());
	}

	/**
	 * The document as the database holds it. Its progress is asked of the running workflow only on request: a query
	 * costs the Temporal server and a worker a workflow task, too much for every poll of every client.
	 */
	DocumentResponse get(UUID id, boolean withProgress) {
		DocumentRecord document = require(id);
		Progress progress = (withProgress && document.status() == DocumentStatus.PROCESSING)
				? this.workflows.progress(document.workflowId(), this.properties.getProgressQueryTimeout()).orElse(null)
				: null;
		return response(document, progress);
	}

	DocumentList list(DocumentStatus status, ListCursor after, int limit) {
		// One more than asked tells whether there is a next page without a count.
		List<DocumentRecord> page = this.documents.list(status, after, limit + 1);
		boolean more = page.size() > limit;
		List<DocumentRecord> items = more ? page.subList(0, limit) : page;
		String next = more ? ListCursor.after(items.get(items.size() - 1)).encode() : null;
		return new DocumentList(items.stream().map(d -> response(d, null)).toList(), next);
	}

	ChunkPage chunks(UUID id, int offset, int limit) {
		require(id);
		return new ChunkPage(this.chunks.find(id, offset, limit), this.chunks.count(id));
	}

	/** Cancels the document's workflow if it runs, then deletes the document with everything derived from it. */
	void delete(UUID id) {
		DocumentRecord document = require(id);
		try {
			this.workflows.cancel(document.workflowId());
		}
		catch (RuntimeException ex) {
			if (!document.status().isTerminal()) {
				throw ApiException.unavailable("The workflow of document " + id + " could not be cancelled", ex);
			}
			// A terminal document's run has ended (or is ending): deleting it needs no cancellation.
			log.warn("Could not cancel {} while deleting it: {}", document.workflowId(), ex.toString());
		}
		this.documents.delete(id);
	}

	/**
	 * New runs for up to {@code limit} READY documents whose chunks another model embedded (the configured model
	 * changed), oldest first; a document that cannot be restarted now is left for the next call.
	 */
	Reembedding reembed(int limit) {
		List<UUID> stale = this.documents.embeddedByOtherModel(this.embedding.model(), limit);
		List<UUID> started = new ArrayList<>();
		for (UUID id : stale) {
			try {
				restart(id, List.of(DocumentStatus.READY));
				started.add(id);
			}
			catch (ApiException ex) {
				log.info("Document {} is not re-embedded now: {}", id, ex.getMessage());
			}
		}
		return new Reembedding(started, this.documents.countEmbeddedByOtherModel(this.embedding.model()));
	}

	/** @param remaining READY documents still embedded by another model (those just started are PENDING) */
	record Reembedding(List<UUID> started, long remaining) {
	}

	/** A new run for a FAILED or CANCELLED document. */
	DocumentRecord retry(UUID id) {
		return restart(id, RETRYABLE);
	}

	/**
	 * Starts a new run of the document's workflow from scratch: resets the row to PENDING, drops what the last run
	 * derived, and starts {@code document-{id}} again.
	 * @param from the statuses a new run may start from
	 * @throws ApiException DOCUMENT_NOT_FOUND, INVALID_STATE (409) if the status is not one of {@code from},
	 * UNAVAILABLE if the workflow could not be started (the document is then FAILED with that code, not PENDING)
	 */
	DocumentRecord restart(UUID id, List<DocumentStatus> from) {
		DocumentRecord document = require(id);
		// The row turns terminal a moment before its run closes: checking first keeps a new run from wiping the
		// results of one that is still closing (and would never write the row again).
		if (from.contains(document.status()) && this.workflows.isRunning(document.workflowId())) {
			throw ApiException.invalidState("Document " + id + " is " + document.status()
					+ " but its workflow run has not closed yet; try again in a moment");
		}
		Boolean reset = this.transaction.execute(status -> this.documents.resetForNewRun(id, from));
		if (!Boolean.TRUE.equals(reset)) {
			throw ApiException.invalidState("Document " + id + " is " + require(id).status() + "; a new run needs "
					+ from.stream().map(Enum::name).toList());
		}
		try {
			this.workflows.start(document.ingestionRequest());
		}
		catch (ApiException ex) {
			if (ex.status().is5xxServerError()) {
				this.documents.markStartFailed(id, "The ingestion workflow could not be started; retry later");
			}
			throw ex;
		}
		return require(id);
	}

	private DocumentRecord require(UUID id) {
		return this.documents.findById(id).orElseThrow(() -> ApiException.documentNotFound(id));
	}

}
