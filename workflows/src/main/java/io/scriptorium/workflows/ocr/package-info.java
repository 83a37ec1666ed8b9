/** OCR of the pages without a text layer (Tesseract), on its own task queue. */
package io.scriptorium.workflows.ocr;
