/** Office to PDF conversion (LibreOffice). */
package io.scriptorium.workflows.conversion;
