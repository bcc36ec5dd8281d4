#!/bin/sh
# A local PostgreSQL for the snapshot store's tests: installs Debian's postgresql when missing, starts its
# cluster, creates the role and database, and prints the URL (stdout: only the URL; progress on stderr).
#   export KMDASH_TEST_PG_URL="$(sh scripts/start-postgres.sh)"
set -eu
ROLE=kmdash PASSWORD=kmdash DB=kmdash_test
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    echo "installing postgresql (apt-get)" >&2
    sh "$(dirname "$0")/apt-install.sh" start-postgres.sh postgresql
fi
VERSION=$(ls /usr/lib/postgresql | sort -n | tail -1)
pg_lsclusters -h | grep -q "^$VERSION main" || $SUDO pg_createcluster "$VERSION" main >&2
pg_lsclusters -h | grep "^$VERSION main" | grep -q online || $SUDO pg_ctlcluster "$VERSION" main start >&2
PORT=$(pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main" {print $3}')

as_postgres() { $SUDO runuser -u postgres -- psql -p "$PORT" -qtA "$@"; }
[ "$(as_postgres -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" = 1 ] ||
    as_postgres -c "CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD'" >&2
[ "$(as_postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" = 1 ] ||
    as_postgres -c "CREATE DATABASE $DB OWNER $ROLE" >&2

KMDASH_TEST_PG_URL="postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"
export KMDASH_TEST_PG_URL
echo "$KMDASH_TEST_PG_URL"
