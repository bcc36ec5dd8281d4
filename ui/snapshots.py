"""The store (saved snapshots and the record of actions) through Streamlit's own SQL connection: the URL in
.streamlit/secrets.toml, or KMDASH_STORE when set (as for the command line)."""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa
import streamlit as st

from kmdash import store
from kmdash.errors import LedgerError
from kmdash.scope import scoped
from kmdash.report.display import plain

from .state import lang, scope, tr


def _connection() -> sa.Engine:
    override = {"url": os.environ[store.ENV]} if os.environ.get(store.ENV) else {}
    return st.connection("snapshots", type="sql", **override).engine


def base() -> sa.Engine:
    """The store's engine, upgraded to the newest revision (SQLite: foreign keys and secure delete on), with no
    scope (the login's). A store that cannot be opened (or was upgraded by a newer kmdash) stops the page with
    its message."""
    try:
        return store.prepare(_connection())
    except LedgerError as exc:
        st.error(plain(exc.message(lang())))
        st.stop()


def engine() -> sa.Engine:
    """The store's engine as the person logged in may use it: every query kept to their scope, every change
    theirs in the audit trail (everything in local mode)."""
    return scoped(base(), scope())


def existing() -> sa.Engine | None:
    """The store's engine when the store is there; None for an SQLite file not made yet (a page that only reads
    the record never creates the file)."""
    url = _connection().url
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:") \
            and not Path(url.database).exists():
        return None
    return engine()


def label(row: dict) -> str:
    return tr("snap_label", id=row["id"], coop=row["coop"] or row["file"], as_of=row["as_of"], members=row["members"])
