/**
 * Processes that read strangers' files apart from the worker (the PDF parser, the OCR page renderer): a JVM of their
 * own with a bounded heap and none of the worker's credentials, so that what a hostile file does ends with them.
 */
package io.scriptorium.worker.sandbox;
