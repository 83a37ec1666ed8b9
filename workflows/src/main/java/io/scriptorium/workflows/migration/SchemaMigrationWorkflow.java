package io.scriptorium.workflows.migration;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Applies the database migrations. Always started with the fixed ID
 * {@link io.scriptorium.workflows.WorkflowIds#SCHEMA_MIGRATION}, conflict policy USE_EXISTING and reuse policy
 * ALLOW_DUPLICATE: concurrent starters attach to one run, and the next deploy runs it again.
 */
@WorkflowInterface
public interface SchemaMigrationWorkflow {

	@WorkflowMethod
	MigrationResult migrate();

}
