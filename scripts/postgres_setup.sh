#!/usr/bin/env bash
# Idempotent, as root: install PostgreSQL if missing, start its cluster without systemd, create
# the test role and database, and print the URL the server tests use.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    apt-get update -qq
    apt-get install -y -qq postgresql >/dev/null
fi

version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
    pg_createcluster "$version" main >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online"' \
    | grep -q .; then
    pg_ctlcluster "$version" main start
fi

for _ in $(seq 1 30); do
    if su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1; then break; fi
    sleep 1
done

psql_root() { su postgres -c "psql -v ON_ERROR_STOP=1 -qtA -c \"$1\""; }
if [ "$(psql_root "select 1 from pg_roles where rolname = 'counter'")" != "1" ]; then
    psql_root "create role counter login password 'counter'"
fi
if [ "$(psql_root "select 1 from pg_database where datname = 'counter_test'")" != "1" ]; then
    psql_root "create database counter_test owner counter"
fi

echo "postgresql+psycopg://counter:counter@127.0.0.1:5432/counter_test"
