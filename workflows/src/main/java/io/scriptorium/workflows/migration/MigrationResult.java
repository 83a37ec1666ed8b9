package io.scriptorium.workflows.migration;

import java.util.List;

/** What a migration run did: the versions it applied (empty when the schema was up to date) and where it ended. */
public record MigrationResult(List<String> appliedVersions, String schemaVersion) {
}
