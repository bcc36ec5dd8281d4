#!/bin/sh
# kmdash for an office without Docker: the app in server mode on port 8501 with its store on the local
# PostgreSQL (`make office`, `make office-check`, `make office-stop`).
#   sh scripts/office.sh start   PostgreSQL started, database kmdash made (role kmdash_office: the tests' role
#                                kmdash keeps its own password), the settings written once to .office/kmdash.env
#                                (a random password), the store brought to the newest revision, then
#                                `streamlit run app.py` in the background (.office/kmdash.pid, .office/kmdash.log)
#   sh scripts/office.sh check   one line OK or FAIL per check; exit 1 on any FAIL. On a server run by systemd
#                                (deploy/systemd): KMDASH_ENV_FILE=/etc/kmdash/kmdash.env sh scripts/office.sh check
#   sh scripts/office.sh stop    the app stopped (PostgreSQL keeps running)
set -eu
cd "$(dirname "$0")/.."
DIR=.office
ENV_FILE=${KMDASH_ENV_FILE:-$DIR/kmdash.env}
PID_FILE=$DIR/kmdash.pid
LOG=$DIR/kmdash.log
PORT=${KMDASH_PORT:-8501}
PY=.venv/bin/python
HEALTH=http://127.0.0.1:$PORT/_stcore/health

# The body of the app's health URL, or nothing while it does not answer (never through a proxy).
health() {
    "$PY" -c 'import sys, urllib.request as u
try:
    print(u.build_opener(u.ProxyHandler({})).open(sys.argv[1], timeout=2).read().decode().strip())
except OSError:
    pass' "$HEALTH"
}

# The pid in the pid file when that process is our streamlit, else nothing.
running() {
    [ -f "$PID_FILE" ] || return 0
    pid=$(cat "$PID_FILE")
    tr "\0" " " 2>/dev/null <"/proc/$pid/cmdline" | grep -q "streamlit run app.py" && echo "$pid"
    return 0
}

load_settings() {
    set -a
    case $ENV_FILE in */*) . "$ENV_FILE" ;; *) . "./$ENV_FILE" ;; esac
    set +a
}

start() {
    mkdir -p "$DIR"
    [ -f "$DIR/.gitignore" ] || echo '*' >"$DIR/.gitignore"
    pid=$(running)
    if [ -n "$pid" ]; then
        echo "kmdash is already running (pid $pid): http://$(hostname -I | cut -d' ' -f1):$PORT/"
        return
    fi
    if [ -n "$(health)" ]; then
        echo "office.sh: port $PORT already answers: another server is running there" >&2
        exit 1
    fi
    password=""  # the one in the settings, else a new one
    [ ! -f "$ENV_FILE" ] ||
        password=$(sed -n 's|^KMDASH_STORE=postgresql+psycopg://kmdash_office:\([0-9a-f]*\)@.*|\1|p' "$ENV_FILE")
    [ -n "$password" ] || password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    url=$(sh scripts/start-postgres.sh kmdash_office "$password" kmdash)
    if [ ! -f "$ENV_FILE" ]; then
        (umask 077 && cat >"$ENV_FILE" <<EOF
# kmdash's settings for the office (scripts/office.sh; deploy/systemd reads the same lines from /etc/kmdash/kmdash.env)
KMDASH_MODE=server
KMDASH_STORE=$url
KMDASH_IDLE_MINUTES=30
EOF
        )
        echo "settings written to $ENV_FILE"
    fi
    load_settings
    "$PY" -m kmdash snapshot list --store "$KMDASH_STORE" >/dev/null  # opening the store upgrades it
    setsid "$PY" -m streamlit run app.py --server.address 0.0.0.0 --server.port "$PORT" --server.headless true \
        --browser.gatherUsageStats false >"$LOG" 2>&1 </dev/null &
    echo $! >"$PID_FILE"
    tries=0
    until [ "$(health)" = ok ]; do
        tries=$((tries + 1))
        if [ -z "$(running)" ] || [ $tries -gt 120 ]; then
            echo "office.sh: the app did not answer $HEALTH; its log ($LOG):" >&2
            tail -20 "$LOG" >&2
            stop >&2
            exit 1
        fi
        sleep 0.5
    done
    echo "kmdash is running in server mode (pid $(cat "$PID_FILE"), log $LOG): http://$(hostname -I | cut -d' ' -f1):$PORT/"
}

check() {
    if [ ! -f "$ENV_FILE" ]; then
        echo "FAIL settings: no $ENV_FILE (make office writes it)"
        exit 1
    fi
    load_settings
    failed=0
    if [ "$(health)" = ok ]; then
        echo "OK   app: $HEALTH answers ok"
    else
        echo "FAIL app: $HEALTH does not answer ok (log: $LOG, or journalctl -u kmdash)"
        failed=1
    fi
    # Read only: the store's revision beside the newest this kmdash knows (opening it would upgrade it).
    "$PY" - "$KMDASH_STORE" <<'EOF' || failed=1
import sys

import sqlalchemy as sa

from kmdash import migrations, store

engine = sa.create_engine(sys.argv[1])
try:
    with engine.connect() as conn:
        revision = migrations.current(conn)
except (sa.exc.SQLAlchemyError, migrations.NewerRevision) as exc:
    print(f"FAIL store: {store.where(engine)} cannot be read: {str(exc).splitlines()[0]}")
    sys.exit(1)
newest = migrations.head()
print(f"{'OK  ' if revision == newest else 'FAIL'} store: {store.where(engine)} at revision {revision or 'none (empty)'}"
      f" (the newest: {newest})")
sys.exit(revision != newest)
EOF
    if listed=$("$PY" -m kmdash snapshot list --json --lang en --store "$KMDASH_STORE" 2>&1); then
        echo "OK   cli: python -m kmdash snapshot list reads the store ($(echo "$listed" | "$PY" -c \
            'import json, sys; print(len(json.load(sys.stdin)["snapshots"]))') snapshots)"
    else
        echo "FAIL cli: python -m kmdash snapshot list: $listed"
        failed=1
    fi
    exit $failed
}

stop() {
    pid=$(running)
    rm -f "$PID_FILE"
    if [ -z "$pid" ]; then
        echo "kmdash is not running"
        return
    fi
    kill -TERM "$pid"
    tries=0
    while kill -0 "$pid" 2>/dev/null && [ $tries -lt 20 ]; do
        tries=$((tries + 1))
        sleep 0.5
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    echo "kmdash stopped (pid $pid)"
}

case ${1:-} in
    start | check | stop) "$1" ;;
    *) echo "usage: sh scripts/office.sh start|check|stop" >&2; exit 2 ;;
esac
