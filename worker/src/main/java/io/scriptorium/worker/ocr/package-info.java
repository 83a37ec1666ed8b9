/**
 * OCR of scanned pages, on workers with Tesseract ({@code scriptorium.ocr.enabled=true}): they poll the OCR task
 * queue, render the pages the parser marked in a process of their own and write what Tesseract reads into the
 * pages' rows, from where chunking goes on as for any text.
 */
package io.scriptorium.worker.ocr;
