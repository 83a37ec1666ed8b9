/** Starting the singleton schema migration workflow on boot, and holding readiness until it succeeded. */
package io.scriptorium.api.migration;
