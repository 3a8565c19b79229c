#!/usr/bin/env bash
# Starts the machine's PostgreSQL 15 and makes role "app" and database "app_test" (idempotent).
set -euo pipefail
if ! pg_lsclusters -h 2>/dev/null | grep -q '^15 *main'; then
  pg_createcluster 15 main >/dev/null
fi
if ! pg_lsclusters -h | awk '$1==15 && $2=="main" {print $4}' | grep -q online; then
  pg_ctlcluster 15 main start
fi
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q" && break
  sleep 1
done
su postgres -c "psql -tAc \"select 1 from pg_roles where rolname='app'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"create role app login superuser password 'app'\""
su postgres -c "psql -tAc \"select 1 from pg_database where datname='app_test'\"" | grep -q 1 ||
  su postgres -c "createdb -O app app_test"
echo "PostgreSQL ready: postgres://app:app@127.0.0.1:5432/app_test"
