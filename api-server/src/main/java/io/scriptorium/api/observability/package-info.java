/** The API's own metrics: documents by status and uploads by outcome, next to Boot's HTTP and JVM meters. */
package io.scriptorium.api.observability;
