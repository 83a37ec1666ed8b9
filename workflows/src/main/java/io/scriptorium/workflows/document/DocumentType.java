package io.scriptorium.workflows.document;

import java.util.Locale;
import java.util.Optional;

/**
 * The formats Scriptorium ingests. Office formats are converted to PDF by LibreOffice first; text formats are
 * read directly.
 */
public enum DocumentType {

	PDF("application/pdf", "pdf"),
	DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
	DOC("application/msword", "doc"),
	ODT("application/vnd.oasis.opendocument.text", "odt"),
	RTF("application/rtf", "rtf"),
	PPTX("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
	TXT("text/plain", "txt"),
	MD("text/markdown", "md"),
	HTML("text/html", "html");

	private final String contentType;

	private final String extension;

	DocumentType(String contentType, String extension) {
		this.contentType = contentType;
		this.extension = extension;
	}

	public String contentType() {
		return this.contentType;
	}

	public String extension() {
		return this.extension;
	}

	public boolean needsConversion() {
		return this != PDF && !isText();
	}

	public boolean isText() {
		return this == TXT || this == MD || this == HTML;
	}

	/** The type a file name's extension claims, if it is one we know ({@code .htm} and {@code .markdown} too). */
	public static Optional<DocumentType> fromFilename(String filename) {
		int dot = filename.lastIndexOf('.');
		if (dot < 0) {
			return Optional.empty();
		}
		String ext = filename.substring(dot + 1).toLowerCase(Locale.ROOT);
		switch (ext) {
			case "htm":
				return Optional.of(HTML);
			case "markdown":
				return Optional.of(MD);
			case "text":
				return Optional.of(TXT);
			default:
				for (DocumentType type : values()) {
					if (type.extension.equals(ext)) {
						return Optional.of(type);
					}
				}
				return Optional.empty();
		}
	}

}
