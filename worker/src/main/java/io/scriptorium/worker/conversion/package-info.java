/** Office to PDF conversion with LibreOffice (jodconverter), after a cheap check of the file's container. */
package io.scriptorium.worker.conversion;
