"""The snapshot store through Streamlit's own SQL connection: the URL in .streamlit/secrets.toml, or
KMDASH_STORE when set (as for the command line)."""

from __future__ import annotations

import os

import sqlalchemy as sa
import streamlit as st

from kmdash import store

from .state import tr


def engine() -> sa.Engine:
    """The store's engine, its tables ready (SQLite: foreign keys and secure delete on)."""
    override = {"url": os.environ[store.ENV]} if os.environ.get(store.ENV) else {}
    return store.prepare(st.connection("snapshots", type="sql", **override).engine)


def label(row: dict) -> str:
    return tr("snap_label", id=row["id"], coop=row["coop"] or row["file"], as_of=row["as_of"], members=row["members"])
