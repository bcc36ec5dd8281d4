"""The databases the snapshot store is tested on (the `store_url` fixture in tests/conftest.py)."""

from __future__ import annotations

import os

import pytest
import sqlalchemy as sa


def pg_url() -> str:
    """KMDASH_TEST_PG_URL (.ci/run sets it with scripts/start-postgres.sh); under CI=true its absence fails."""
    url = os.environ.get("KMDASH_TEST_PG_URL")
    if url:
        return url
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true but KMDASH_TEST_PG_URL is not set: .ci/run starts PostgreSQL with scripts/start-postgres.sh")
    pytest.skip("no KMDASH_TEST_PG_URL (scripts/start-postgres.sh starts a local PostgreSQL)")


def drop_every_table(url: str) -> None:
    """The database emptied: the store's tables, Alembic's version table, whatever a test left."""
    engine = sa.create_engine(url)
    tables = sa.MetaData()
    tables.reflect(engine)
    tables.drop_all(engine)
    engine.dispose()
