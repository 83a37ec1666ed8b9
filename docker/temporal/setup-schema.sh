#!/bin/sh
# The temporal-schema job of docker-compose.temporal.yml, in Temporal's admin-tools image: creates or upgrades the
# schemas of Temporal's two databases (the persistence and the visibility store) with temporal-sql-tool. Safe to run
# on every `up`: the version tables are created only if missing, and update-schema applies only newer versions.
# The databases and the role exist already (docker/postgres/initdb, or your DBA on a managed PostgreSQL).
# Environment: SQL_HOST, SQL_PORT, SQL_USER, SQL_PASSWORD, TEMPORAL_DB, TEMPORAL_VISIBILITY_DB.
set -eu
for attempt in $(seq 1 30); do
  if temporal-sql-tool --plugin postgres12 --db "$TEMPORAL_DB" setup-schema -v 0.0; then
    break
  fi
  [ "$attempt" -lt 30 ] || { echo "setup-schema: PostgreSQL at $SQL_HOST:$SQL_PORT did not answer" >&2; exit 1; }
  sleep 2
done
temporal-sql-tool --plugin postgres12 --db "$TEMPORAL_DB" update-schema --schema-name postgresql/v12/temporal
temporal-sql-tool --plugin postgres12 --db "$TEMPORAL_VISIBILITY_DB" setup-schema -v 0.0
temporal-sql-tool --plugin postgres12 --db "$TEMPORAL_VISIBILITY_DB" update-schema --schema-name postgresql/v12/visibility
echo "Temporal's schemas are up to date in $TEMPORAL_DB and $TEMPORAL_VISIBILITY_DB"
