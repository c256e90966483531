#!/usr/bin/env bash
# Start a PostgreSQL server on loopback for docket's store tests, and print the line that points
# the tests at it:
#
#   eval "$(.ci/postgres.sh)"     # sets DOCKET_TEST_POSTGRES_URL
#
# Installs PostgreSQL from the Debian packages when it is missing, starts a cluster listening on
# 127.0.0.1, and creates the role `docket` (password `docket`) owning the database `docket_test`.
# Idempotent: running it again on a machine where all of that exists changes nothing.
# Everything but the export line goes to stderr.
set -euo pipefail

PORT="${DOCKET_PG_PORT:-5432}"
ROLE=docket
PASSWORD=docket
DATABASE=docket_test

log() { echo "postgres.sh: $*" >&2; }

if [ "$(id -u)" = 0 ]; then
  SUDO=()
  as_postgres() { runuser -u postgres -- "$@"; }
else
  SUDO=(sudo)
  as_postgres() { sudo -u postgres -- "$@"; }
fi

pg_bin() {  # the bin folder of the newest installed server, or nothing
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/pg_ctl" ]; then
  log "installing PostgreSQL from the Debian packages"
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
BIN="$(pg_bin)"
VERSION="$(basename "$(dirname "$BIN")")"

if command -v pg_ctlcluster >/dev/null 2>&1; then
  # Debian's postgresql-common: one cluster per version, managed with pg_ctlcluster.
  CLUSTER="$(pg_lsclusters --no-header 2>/dev/null | awk -v v="$VERSION" -v p="$PORT" '$1 == v && $3 == p {print $2; exit}')"
  if [ -z "$CLUSTER" ]; then
    CLUSTER=docket
    log "creating cluster $VERSION/$CLUSTER on port $PORT"
    "${SUDO[@]}" pg_createcluster --port "$PORT" "$VERSION" "$CLUSTER" >&2
  fi
  STATUS="$(pg_lsclusters --no-header | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c {print $4}')"
  if [ "$STATUS" != online ]; then
    log "starting cluster $VERSION/$CLUSTER"
    "${SUDO[@]}" pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
  fi
  SOCKET_DIR=/var/run/postgresql
else
  # No postgresql-common: a private cluster under /tmp, run with pg_ctl as the postgres user.
  DATA=/tmp/docket-postgres
  SOCKET_DIR=/tmp
  if [ ! -f "$DATA/PG_VERSION" ]; then
    log "initialising $DATA"
    "${SUDO[@]}" install -d -o postgres -m 700 "$DATA"
    as_postgres "$BIN/initdb" -D "$DATA" --auth-local=trust --auth-host=scram-sha-256 >&2
  fi
  if ! as_postgres "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    log "starting $DATA"
    as_postgres "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $SOCKET_DIR" start >&2
  fi
fi

for _ in $(seq 1 30); do
  "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" && break
  sleep 1
done
"$BIN/pg_isready" -h 127.0.0.1 -p "$PORT" >&2

psql_admin() { as_postgres "$BIN/psql" -h "$SOCKET_DIR" -p "$PORT" -v ON_ERROR_STOP=1 -qtA "$@"; }

if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != 1 ]; then
  log "creating role $ROLE"
  psql_admin -c "CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD' CREATEDB" >&2
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" != 1 ]; then
  log "creating database $DATABASE"
  psql_admin -c "CREATE DATABASE $DATABASE OWNER $ROLE" >&2
fi

echo "export DOCKET_TEST_POSTGRES_URL=postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DATABASE"
