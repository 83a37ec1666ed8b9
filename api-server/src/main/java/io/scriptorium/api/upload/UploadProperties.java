package io.scriptorium.api.upload;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** What the API accepts at the door. */
@ConfigurationProperties("scriptorium.upload")
public class UploadProperties {

	/**
	 * The largest document accepted; larger ones are refused with 413 DOCUMENT_TOO_LARGE.
	 * The servlet container's multipart limit follows this value ({@code UploadConfiguration}), so the refusal
	 * happens while the file streams in.
	 */
	private DataSize maxSize = DataSize.ofMegabytes(50);

	public DataSize getMaxSize() {
		return this.maxSize;
	}

	public void setMaxSize(DataSize maxSize) {
		this.maxSize = maxSize;
	}

}
