"""The snapshot store's schema history, managed with Alembic: one script per revision in versions/ (0001 the
tables as kmdash first made them, 0002 the plan kept whole). `kmdash.store` brings a store to the newest
revision when it opens it, on the connection and in the transaction it holds.

A store made before migrations (its tables, no alembic_version) is stamped 0001, then upgraded. A store at a
revision this kmdash does not know was written by a newer one: it is refused, never touched. The next
revision: `.venv/bin/alembic -c kmdash/migrations/alembic.ini revision --rev-id 0003 -m "..."`, then write
its upgrade(); the store's tables (`kmdash.store.metadata`) must end up as the newest revision leaves them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

HERE = Path(__file__).resolve().parent
BEFORE_MIGRATIONS = "0001"  # what every store written before migrations holds
FIRST_TABLE = "snapshot"  # present in every store, whatever its revision


class NewerRevision(Exception):
    """The store was upgraded by a newer kmdash (to `revision`)."""

    def __init__(self, revision: str):
        self.revision = revision


def config(connection: sa.Connection | None = None) -> Config:
    """Alembic's configuration (alembic.ini beside this file), running on `connection`."""
    cfg = Config(str(HERE / "alembic.ini"))
    cfg.attributes["connection"] = connection
    return cfg


@cache
def revisions() -> tuple[str, ...]:
    """Every revision this kmdash knows, the newest first."""
    return tuple(s.revision for s in ScriptDirectory.from_config(config()).walk_revisions())


def head() -> str:
    return revisions()[0]


def current(connection: sa.Connection) -> str | None:
    """The store's revision: None for an empty database or one made before migrations. NewerRevision when
    this kmdash does not know it."""
    revision = MigrationContext.configure(connection).get_current_revision()
    if revision is not None and revision not in revisions():
        raise NewerRevision(revision)
    return revision


def upgrade(connection: sa.Connection) -> None:
    """The store to the newest revision, in the transaction `connection` holds (a no-op at the newest)."""
    revision = current(connection)
    cfg = config(connection)
    if revision is None and sa.inspect(connection).has_table(FIRST_TABLE):
        command.stamp(cfg, BEFORE_MIGRATIONS)
    if revision != head():
        command.upgrade(cfg, "head")
