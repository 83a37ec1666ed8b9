/** Text extraction into {@code document_pages}: PDFs page by page (PDFBox), text formats in bounded segments. */
package io.scriptorium.worker.parsing;
