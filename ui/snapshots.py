"""The snapshot store through Streamlit's own SQL connection: the URL in .streamlit/secrets.toml, or
KMDASH_STORE when set (as for the command line)."""

from __future__ import annotations

import os

import sqlalchemy as sa
import streamlit as st

from kmdash import store
from kmdash.errors import LedgerError
from kmdash.report.display import plain

from .state import lang, tr


def engine() -> sa.Engine:
    """The store's engine, upgraded to the newest revision (SQLite: foreign keys and secure delete on). A store
    that cannot be opened (or was upgraded by a newer kmdash) stops the page with its message."""
    override = {"url": os.environ[store.ENV]} if os.environ.get(store.ENV) else {}
    try:
        return store.prepare(st.connection("snapshots", type="sql", **override).engine)
    except LedgerError as exc:
        st.error(plain(exc.message(lang())))
        st.stop()


def label(row: dict) -> str:
    return tr("snap_label", id=row["id"], coop=row["coop"] or row["file"], as_of=row["as_of"], members=row["members"])
