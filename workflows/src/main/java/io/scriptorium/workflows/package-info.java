/**
 * The contract shared by the worker and the api-server: workflow and activity interfaces, workflow
 * implementations, and the small records they exchange (ids and counts, never document bytes or texts).
 */
package io.scriptorium.workflows;
