package io.scriptorium.client;

import java.util.Map;

/**
 * What an upload may say besides its file; {@link #NONE} says nothing.
 *
 * @param collection the collection to search the document in, or null
 * @param metadata strings search filters on ({@code metadata.<key>=<value>}), or null
 * @param ocrLanguage Tesseract languages for scanned pages (e.g. {@code deu+eng}), or null for the workers' default
 * @param reprocess start a new run even if the same bytes are already a document
 * @param callbackUrl where the API posts the end of the run, signed with {@link Upload#callbackSecret()}, or null
 */
public record UploadOptions(String collection, Map<String, String> metadata, String ocrLanguage, boolean reprocess,
		String callbackUrl) {

	public static final UploadOptions NONE = new UploadOptions(null, null, null, false, null);

	public UploadOptions withCollection(String collection) {
		return new UploadOptions(collection, this.metadata, this.ocrLanguage, this.reprocess, this.callbackUrl);
	}

	public UploadOptions withMetadata(Map<String, String> metadata) {
		return new UploadOptions(this.collection, metadata, this.ocrLanguage, this.reprocess, this.callbackUrl);
	}

	public UploadOptions withOcrLanguage(String ocrLanguage) {
		return new UploadOptions(this.collection, this.metadata, ocrLanguage, this.reprocess, this.callbackUrl);
	}

	public UploadOptions withReprocess(boolean reprocess) {
		return new UploadOptions(this.collection, this.metadata, this.ocrLanguage, reprocess, this.callbackUrl);
	}

	public UploadOptions withCallbackUrl(String callbackUrl) {
		return new UploadOptions(this.collection, this.metadata, this.ocrLanguage, this.reprocess, callbackUrl);
	}

}
