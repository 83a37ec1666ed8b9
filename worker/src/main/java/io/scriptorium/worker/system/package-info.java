/** Cross-cutting setup of the worker: Temporal connection health. */
package io.scriptorium.worker.system;
