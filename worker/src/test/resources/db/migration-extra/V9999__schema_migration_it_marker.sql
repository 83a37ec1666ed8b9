-- Test-only migration: SchemaMigrationWorkflowIT adds this location to prove a later run applies a new version.
CREATE TABLE schema_migration_it_marker (id integer PRIMARY KEY);
