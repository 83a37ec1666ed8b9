package io.scriptorium.worker.conversion;

import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.document.FileFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The first defence against documents that make LibreOffice fetch URLs or read local files: the file LibreOffice
 * converts is a copy without external references ({@link PackageRewriter} for DOCX, PPTX and ODT,
 * {@link RtfRewriter} for RTF). Legacy binary DOC files are passed on as they are; for them, and for whatever a
 * rewrite misses, the LibreOffice profile and environment that {@link OfficeConverter} starts it with are the
 * second defence, and a network without egress the third (deployment.md).
 */
final class OfficeFileRewriter {

	private final PackageRewriter packages;

	OfficeFileRewriter(long maxUnzippedBytes) {
		this.packages = new PackageRewriter(maxUnzippedBytes);
	}

	/** By the container the inspector found, not the name. */
	void rewrite(DocumentRef document, FileFormat format, Path source, Path target) throws IOException {
		switch (format) {
			case ZIP -> this.packages.rewrite(document, source, target);
			case RTF -> RtfRewriter.rewrite(source, target);
			default -> Files.copy(source, target);
		}
	}

}
