#!/bin/bash
# The managed database's entrypoint, with the environment contract of the community postgres
# image the operator also accepts: POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB and PGDATA.
# On an empty PGDATA it runs initdb (the password from a file, never on a command line) and
# creates the database in single-user mode; then it runs the server in the foreground, listening
# on every address with password (SCRAM) authentication for TCP and trust on the local socket.
set -euo pipefail

: "${POSTGRES_USER:?POSTGRES_USER is not set: the operator sets it from the database Secret}"
: "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is not set: the operator sets it from the database Secret}"
: "${POSTGRES_DB:=${POSTGRES_USER}}"
: "${PGDATA:=/var/lib/postgresql/data/pgdata}"
export PGDATA

if [[ ! -s "${PGDATA}/PG_VERSION" ]]; then
  mkdir -p "${PGDATA}"
  chmod 0700 "${PGDATA}"
  password_file="$(mktemp)"
  trap 'rm -f "${password_file}"' EXIT
  printf '%s\n' "${POSTGRES_PASSWORD}" >"${password_file}"
  initdb --username="${POSTGRES_USER}" --pwfile="${password_file}" --encoding=UTF8 --locale=C \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f "${password_file}"
  trap - EXIT
  printf 'host all all 0.0.0.0/0 scram-sha-256\nhost all all ::/0 scram-sha-256\n' >>"${PGDATA}/pg_hba.conf"
  if [[ "${POSTGRES_DB}" != postgres ]]; then
    printf 'CREATE DATABASE "%s" OWNER "%s";\n' "${POSTGRES_DB//\"/}" "${POSTGRES_USER//\"/}" |
      postgres --single -D "${PGDATA}" postgres >/dev/null
  fi
  echo "postgres-entrypoint: initialized ${PGDATA} with database ${POSTGRES_DB}"
fi

exec postgres -D "${PGDATA}" -c listen_addresses='*' \
  -c unix_socket_directories=/var/run/postgresql -c jit=off
