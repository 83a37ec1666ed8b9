/**
 * Spring Boot wiring the worker and the api-server share: the schema migration started on boot, and the migration
 * and Temporal readiness health indicators. The workflow code itself stays free of Spring.
 */
package io.scriptorium.workflows.boot;
