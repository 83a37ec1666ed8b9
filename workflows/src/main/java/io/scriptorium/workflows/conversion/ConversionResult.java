package io.scriptorium.workflows.conversion;

/** The size of the PDF the conversion stored. */
public record ConversionResult(long pdfBytes) {
}
