package io.scriptorium.api.upload;

import io.scriptorium.api.documents.DocumentService;
import io.scriptorium.api.documents.NewDocument;
import io.scriptorium.api.webhooks.WebhookService;
import io.scriptorium.api.system.ApiPaths;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;

@RestController
@Tag(name = "documents")
class UploadController {

	private final FileInspector inspector;

	private final DocumentService documents;

	private final OcrLanguages ocrLanguages;

	private final JsonMapper json;

	private final WebhookService webhooks;

	UploadController(FileInspector inspector, DocumentService documents, OcrLanguages ocrLanguages, JsonMapper json,
			WebhookService webhooks) {
		this.inspector = inspector;
		this.documents = documents;
		this.ocrLanguages = ocrLanguages;
		this.json = json;
		this.webhooks = webhooks;
	}

	@PostMapping(path = ApiPaths.DOCUMENTS, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Uploads a document and starts its ingestion",
			responses = { @ApiResponse(responseCode = "202", description = "Stored; its workflow started"),
					@ApiResponse(responseCode = "200", description = "The same bytes are already a document"),
					@ApiResponse(responseCode = "400", description = "EMPTY_DOCUMENT"),
					@ApiResponse(responseCode = "409", description = "reprocess while a run is in flight"),
					@ApiResponse(responseCode = "413", description = "DOCUMENT_TOO_LARGE"),
					@ApiResponse(responseCode = "415", description = "UNSUPPORTED_TYPE"),
					@ApiResponse(responseCode = "422", description = "ENCRYPTED_DOCUMENT (password-protected OOXML)"),
					@ApiResponse(responseCode = "503", description = "UNAVAILABLE") })
	ResponseEntity<UploadResponse> upload(@RequestPart("file") MultipartFile file,
			@Parameter(description = "start a new run even if the same bytes are already a document")
			@RequestParam(defaultValue = "false") boolean reprocess,
			@Parameter(description = "a collection to search the document in") @RequestParam(required = false)
			String collection,
			@Parameter(description = "a JSON object of strings, e.g. {\"team\": \"legal\"}; search filters on it")
			@RequestParam(required = false) String metadata,
			@Parameter(description = "Tesseract languages for scanned pages, e.g. deu+eng (default: the OCR"
					+ " workers' scriptorium.ocr.default-language); 400 OCR_LANGUAGE_UNKNOWN if none has them")
			@RequestParam(required = false) String language,
			@Parameter(description = "a URL to post the end of the run to (document.ready, .failed, .cancelled),"
					+ " signed as Standard Webhooks say with the callbackSecret of the answer; 400"
					+ " WEBHOOK_TARGET_REFUSED for internal addresses")
			@RequestParam(required = false) String callbackUrl) {
		// Checked at the door, before a byte is stored.
		UploadLabels labels = UploadLabels.parse(collection, metadata, this.json);
		String ocrLanguage = this.ocrLanguages.check(language);
		String callback = (callbackUrl == null || callbackUrl.isBlank()) ? null
				: this.webhooks.checkedUrl(callbackUrl);
		InspectedFile inspected = this.inspector.inspect(file.getOriginalFilename(), file, file.getSize());
		DocumentService.Ingestion upload = this.documents.ingest(new NewDocument(inspected.filename(),
				inspected.type(), inspected.sha256(), inspected.sizeBytes(), labels.collection(), labels.metadata(),
				ocrLanguage, file, callback), reprocess);
		UploadResponse body = UploadResponse.of(upload.document(), upload.callbackSecret());
		if (!upload.started()) {
			return ResponseEntity.ok(body);
		}
		return ResponseEntity.accepted().location(URI.create(ApiPaths.DOCUMENTS + "/" + body.id())).body(body);
	}

}
