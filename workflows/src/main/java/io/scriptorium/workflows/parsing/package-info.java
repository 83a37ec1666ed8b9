/** Page-by-page text extraction (PDFBox, and plain text formats). */
package io.scriptorium.workflows.parsing;
