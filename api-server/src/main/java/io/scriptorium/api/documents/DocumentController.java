package io.scriptorium.api.documents;

import io.scriptorium.api.system.ApiException;
import io.scriptorium.api.system.ApiPaths;
import io.scriptorium.workflows.document.DocumentStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(ApiPaths.DOCUMENTS)
@Tag(name = "documents", description = "Document status, chunks, listing, deletion and retry")
class DocumentController {

	static final int MAX_LIST_LIMIT = 100;

	static final int MAX_CHUNK_LIMIT = 500;

	private final DocumentService documents;

	DocumentController(DocumentService documents) {
		this.documents = documents;
	}

	@GetMapping("/{id}")
	@Operation(summary = "A document's status; progress=true adds the running workflow's progress (a Temporal query)")
	DocumentResponse get(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean progress) {
		return this.documents.get(id, progress);
	}

	@GetMapping
	@Operation(summary = "Documents, newest first; pass nextCursor back as cursor for the next page")
	DocumentList list(@RequestParam(required = false) String status,
			@RequestParam(defaultValue = "20") int limit, @RequestParam(required = false) String cursor) {
		requireRange("limit", limit, 1, MAX_LIST_LIMIT);
		ListCursor after = (cursor != null && !cursor.isBlank()) ? ListCursor.decode(cursor) : null;
		return this.documents.list(parseStatus(status), after, limit);
	}

	@GetMapping("/{id}/chunks")
	@Operation(summary = "A document's chunks in reading order")
	ChunkPage chunks(@PathVariable UUID id, @RequestParam(defaultValue = "0") int offset,
			@RequestParam(defaultValue = "50") int limit) {
		requireRange("offset", offset, 0, Integer.MAX_VALUE);
		requireRange("limit", limit, 1, MAX_CHUNK_LIMIT);
		return this.documents.chunks(id, offset, limit);
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Cancels the document's workflow if it runs and deletes the document")
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		this.documents.delete(id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/retry")
	@Operation(summary = "Starts a new run for a FAILED or CANCELLED document; 409 otherwise")
	ResponseEntity<DocumentResponse> retry(@PathVariable UUID id) {
		DocumentRecord document = this.documents.retry(id);
		return ResponseEntity.accepted()
			.location(URI.create(ApiPaths.DOCUMENTS + "/" + id))
			.body(this.documents.response(document, null));
	}

	@PostMapping("/reembed")
	@Operation(summary = "Starts new runs for READY documents embedded by another model than the configured one",
			description = "Up to limit documents per call, oldest first; call again until remaining is 0. Until then"
					+ " vector search skips their chunks (keyword search still finds them).")
	ResponseEntity<DocumentService.Reembedding> reembed(@RequestParam(defaultValue = "100") int limit) {
		requireRange("limit", limit, 1, MAX_LIST_LIMIT);
		return ResponseEntity.accepted().body(this.documents.reembed(limit));
	}

	private static DocumentStatus parseStatus(String status) {
		if (status == null || status.isBlank()) {
			return null;
		}
		try {
			return DocumentStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalidRequest("Unknown status '" + status + "'");
		}
	}

	static void requireRange(String name, int value, int min, int max) {
		if (value < min || value > max) {
			throw ApiException.invalidRequest(name + " must be between " + min + " and " + max);
		}
	}

}
