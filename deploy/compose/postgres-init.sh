#!/usr/bin/env bash
# Runs once, when PostgreSQL starts on an empty data volume (docker-entrypoint-initdb.d): one database per Rapport
# application, each owned by a role of its own that can reach only that database. The passwords come from the
# environment (.env); Flyway creates the tables when each application starts.
set -euo pipefail

create() {
  local name="$1" password="$2"
  if [ -z "$password" ]; then
    echo "postgres-init: no password for the $name database; set it in .env (see .env.example)" >&2
    exit 1
  fi
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    --set=name="$name" --set=password="$password" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
}

create contacts "${CONTACTS_DB_PASSWORD:-}"
create interactions "${INTERACTIONS_DB_PASSWORD:-}"
create reminders "${REMINDERS_DB_PASSWORD:-}"
create gateway "${GATEWAY_DB_PASSWORD:-}"
