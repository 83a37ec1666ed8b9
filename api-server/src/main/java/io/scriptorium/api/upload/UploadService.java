package io.scriptorium.api.upload;

import io.scriptorium.api.documents.DocumentRecord;
import io.scriptorium.api.documents.DocumentRepository;
import io.scriptorium.api.documents.DocumentService;
import io.scriptorium.api.documents.DocumentWorkflows;
import io.scriptorium.api.system.ApiException;
import io.scriptorium.workflows.WorkflowIds;
import io.scriptorium.workflows.ingestion.IngestionRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;

/**
 * Takes a document in: checks it at the door, stores its row and bytes in one transaction, then starts its
 * workflow. The same bytes are the same document (unique SHA-256), so uploading them again starts nothing unless
 * a reprocess is asked for, and keeps the collection and metadata of the first upload.
 */
@Service
class UploadService {

	private final FileInspector inspector;

	private final DocumentRepository documents;

	private final DocumentService documentService;

	private final DocumentWorkflows workflows;

	private final TransactionTemplate transaction;

	UploadService(FileInspector inspector, DocumentRepository documents, DocumentService documentService,
			DocumentWorkflows workflows, TransactionTemplate transaction) {
		this.inspector = inspector;
		this.documents = documents;
		this.documentService = documentService;
		this.workflows = workflows;
		this.transaction = transaction;
	}

	/** @param reprocess start a new run if the bytes are already known (409 while one is in flight) */
	Upload upload(MultipartFile file, UploadLabels labels, boolean reprocess) {
		InspectedFile inspected = this.inspector.inspect(file.getOriginalFilename(), file, file.getSize());
		Optional<DocumentRecord> known = this.documents.findBySha256(inspected.sha256());
		if (known.isPresent()) {
			return reprocess ? new Upload(this.documentService.restart(known.get().id(), DocumentService.RESTARTABLE),
					true) : new Upload(known.get(), false);
		}
		UUID id = UUID.randomUUID();
		try {
			store(id, inspected, labels, file);
		}
		catch (DuplicateKeyException ex) {
			// A concurrent upload of the same bytes committed first: its document is this one.
			return new Upload(this.documents.findBySha256(inspected.sha256()).orElseThrow(() -> ex), false);
		}
		DocumentRecord document = this.documents.findById(id).orElseThrow();
		start(document.ingestionRequest());
		return new Upload(document, true);
	}

	private void store(UUID id, InspectedFile inspected, UploadLabels labels, MultipartFile file) {
		this.transaction.executeWithoutResult(status -> {
			this.documents.insert(id, inspected.filename(), inspected.type(), inspected.sha256(),
					inspected.sizeBytes(), WorkflowIds.forDocument(id), labels.collection(), labels.metadata());
			try (InputStream content = file.getInputStream()) {
				this.documents.insertOriginal(id, content, inspected.sizeBytes());
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not read the uploaded file", ex);
			}
		});
	}

	/** A document whose workflow did not start is deleted: nothing may stay PENDING with no run to move it on. */
	private void start(IngestionRequest request) {
		try {
			this.workflows.start(request);
		}
		catch (ApiException ex) {
			this.documents.delete(request.documentId());
			throw ex;
		}
	}

	/** @param started whether a workflow run was started for it by this upload */
	record Upload(DocumentRecord document, boolean started) {
	}

}
