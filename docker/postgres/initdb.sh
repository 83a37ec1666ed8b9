#!/bin/sh
# Run once by the PostgreSQL image on the cluster's first start (/docker-entrypoint-initdb.d), as the superuser:
# the application's role, which owns its database but is no superuser; Temporal's role and its two databases; and
# the vector extension, which only a superuser may create (the application's first migration then finds it).
# Environment (docker-compose.temporal.yml): POSTGRES_USER, SCRIPTORIUM_DB, SCRIPTORIUM_DB_USER,
# SCRIPTORIUM_DB_PASSWORD, TEMPORAL_DB_USER, TEMPORAL_DB_PASSWORD.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  --set app_db="$SCRIPTORIUM_DB" --set app_user="$SCRIPTORIUM_DB_USER" --set app_password="$SCRIPTORIUM_DB_PASSWORD" \
  --set temporal_user="$TEMPORAL_DB_USER" --set temporal_password="$TEMPORAL_DB_PASSWORD" <<'SQL'
CREATE ROLE :"app_user" LOGIN PASSWORD :'app_password';
CREATE DATABASE :"app_db" OWNER :"app_user";
CREATE ROLE :"temporal_user" LOGIN PASSWORD :'temporal_password';
CREATE DATABASE temporal OWNER :"temporal_user";
CREATE DATABASE temporal_visibility OWNER :"temporal_user";
\c :"app_db"
CREATE EXTENSION IF NOT EXISTS vector;
SQL
