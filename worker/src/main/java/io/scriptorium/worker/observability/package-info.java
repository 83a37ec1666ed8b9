/** Pipeline metrics and log context for every activity the worker runs, without touching the activities. */
package io.scriptorium.worker.observability;
