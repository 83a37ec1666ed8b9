/** Schema migrations: the Flyway activity, and starting the singleton migration workflow on boot. */
package io.scriptorium.worker.migration;
