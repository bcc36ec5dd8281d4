#!/bin/sh
# A local PostgreSQL (Debian's): installs postgresql when missing, starts its cluster, makes the role (its
# password set to PASSWORD) and each database it owns, and prints the first database's URL (stdout: only the
# URL; progress on stderr).
#   export KMDASH_TEST_PG_URL="$(sh scripts/start-postgres.sh)"   the tests': kmdash_test, and kmdash_e2e for
#                                                                  the browser tests (role kmdash)
#   sh scripts/start-postgres.sh ROLE PASSWORD DB...              others (scripts/office.sh: the office's store)
set -eu
[ $# -gt 0 ] || set -- kmdash kmdash kmdash_test kmdash_e2e
if [ $# -lt 3 ]; then
    echo "usage: sh scripts/start-postgres.sh [ROLE PASSWORD DB...]" >&2
    exit 2
fi
for name in "$@"; do  # they go into SQL and the URL as they are
    case $name in
        *[!A-Za-z0-9_]*) echo "start-postgres.sh: '$name': letters, digits and _ only" >&2; exit 2 ;;
    esac
done
ROLE=$1 PASSWORD=$2
shift 2
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
    as_postgres -c "CREATE ROLE $ROLE LOGIN" >&2
echo "ALTER ROLE $ROLE LOGIN PASSWORD '$PASSWORD'" | as_postgres >&2  # on stdin: never in the process list
for DB in "$@"; do
    [ "$(as_postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" = 1 ] ||
        as_postgres -c "CREATE DATABASE $DB OWNER $ROLE" >&2
done

echo "postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$PORT/$1"
