"""Saved snapshots: a ledger's per-member analysis and its plan, so that a follow-up months later needs no old
file. SQLAlchemy Core; an SQLite file by default (`KMDASH_STORE`, else `sqlite:///snapshots.db`), any
SQLAlchemy URL otherwise (postgresql+psycopg://...). Money is stored in integer satang.

Nothing is saved unless asked. Deleting a snapshot deletes its rows; on SQLite with secure_delete on, so the
deleted content is overwritten in the file, not merely unlinked. Each snapshot records the schema version
that wrote it: an older one still loads, a newer one is refused with a message.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa

from .errors import LedgerError
from .followup import satang

SCHEMA_VERSION = 1
ENV = "KMDASH_STORE"
DEFAULT_URL = "sqlite:///snapshots.db"
PREFIX = "snapshot:"
PLAN_TEXT = ("member", "name", "group", "bucket", "techniques", "grade", "tier", "deadline", "assignee",
             "pool_cycle", "status", "notes")

metadata = sa.MetaData()


def _child(name: str, *columns: sa.Column) -> sa.Table:
    return sa.Table(name, metadata, sa.Column("snapshot_id", sa.Integer, sa.ForeignKey("snapshot.id", ondelete="CASCADE"),
                                              nullable=False, index=True), *columns)


snapshot = sa.Table(
    "snapshot", metadata, sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("coop", sa.Text), sa.Column("file", sa.Text, nullable=False), sa.Column("as_of", sa.Date, nullable=False),
    sa.Column("saved_at", sa.DateTime, nullable=False), sa.Column("members", sa.Integer, nullable=False),
    sa.Column("schema_version", sa.Integer, nullable=False))
snapshot_member = _child(
    "snapshot_member", sa.Column("member_no", sa.Text, nullable=False), sa.Column("name", sa.Text),
    sa.Column("group", sa.Text), sa.Column("days", sa.Integer, nullable=False), sa.Column("bucket", sa.Text, nullable=False),
    sa.Column("bucket_rank", sa.Integer, nullable=False), sa.Column("overdue", sa.BigInteger, nullable=False))
snapshot_plan = _child(
    "snapshot_plan", *(sa.Column(c, sa.Text) for c in PLAN_TEXT), sa.Column("days", sa.Integer),
    sa.Column("overdue", sa.BigInteger), sa.Column("interest", sa.BigInteger))
snapshot_loan = _child("snapshot_loan", sa.Column("member_no", sa.Text, nullable=False), sa.Column("contract", sa.Text))
CHILDREN = (snapshot_member, snapshot_plan, snapshot_loan)


@dataclass
class Snapshot:
    coop: str | None
    file: str
    as_of: date
    members: pd.DataFrame  # member_no, name, group, days, bucket (ordered categorical), overdue (baht)
    plan: pd.DataFrame | None = None  # report.plan.COLUMNS
    loans: pd.DataFrame | None = None  # member_no, contract
    id: int | None = None
    saved_at: datetime | None = None
    schema_version: int = SCHEMA_VERSION


def of_result(result, plan: pd.DataFrame | None = None) -> Snapshot:
    """What a later comparison needs from a pipeline Result (and the plan, as exported or filled in)."""
    loans = result.analysis.loans
    return Snapshot(result.ledger.coop, Path(result.file).name, result.as_of,
                    result.analysis.members[["member_no", "name", "group", "days", "bucket", "overdue"]].copy(),
                    plan, loans[["member_no", "contract"]].copy() if "contract" in loans else None)


def url_of(url: str | None = None) -> str:
    return url or os.environ.get(ENV) or DEFAULT_URL


def open_store(url: str | None = None) -> sa.Engine:
    try:
        return prepare(sa.create_engine(url_of(url)))
    except (sa.exc.SQLAlchemyError, ImportError, ValueError) as exc:
        raise LedgerError.of("snap_store_failed", reason=exc) from exc


def prepare(engine: sa.Engine) -> sa.Engine:
    """The tables, and SQLite's foreign keys and secure delete on every connection."""
    if engine.dialect.name == "sqlite" and not sa.event.contains(engine, "connect", _sqlite_pragmas):
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    metadata.create_all(engine)
    return engine


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def where(engine: sa.Engine) -> str:
    """The SQLite file's full path, or the URL without its password."""
    if engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
        return str(Path(engine.url.database).resolve())
    return engine.url.render_as_string(hide_password=True)


def save(engine: sa.Engine, snap: Snapshot) -> int:
    members = snap.members
    bucket = members["bucket"].astype("category")
    with engine.begin() as conn:
        new_id = conn.execute(snapshot.insert().values(
            coop=snap.coop, file=snap.file, as_of=snap.as_of, saved_at=datetime.now().replace(microsecond=0),
            members=len(members), schema_version=SCHEMA_VERSION)).inserted_primary_key[0]
        rows = pd.DataFrame({"snapshot_id": new_id, "member_no": members["member_no"].astype(str),
                             "name": members["name"].astype(str), "group": members["group"].astype(str),
                             "days": members["days"].astype(int), "bucket": bucket.astype(str),
                             "bucket_rank": bucket.cat.codes.astype(int), "overdue": satang(members["overdue"])})
        _insert(conn, snapshot_member, rows)
        if snap.plan is not None:
            _insert(conn, snapshot_plan, _plan_rows(snap.plan, new_id))
        if snap.loans is not None:
            _insert(conn, snapshot_loan, snap.loans.assign(snapshot_id=new_id).astype({"contract": str}))
    return int(new_id)


def _plan_rows(plan: pd.DataFrame, snapshot_id: int) -> pd.DataFrame:
    rows = plan[list(PLAN_TEXT)].fillna("").astype(str)
    return rows.assign(snapshot_id=snapshot_id, days=pd.to_numeric(plan["days"], errors="coerce").fillna(0).astype(int),
                       overdue=satang(plan["overdue"]), interest=satang(plan["interest"]))


def _insert(conn, table: sa.Table, rows: pd.DataFrame) -> None:
    if len(rows):
        conn.execute(table.insert(), rows.to_dict("records"))


def snapshots(engine: sa.Engine) -> pd.DataFrame:
    """What is stored: id, coop, file, as_of, members, saved_at, schema_version; the latest first."""
    query = sa.select(snapshot).order_by(snapshot.c.saved_at.desc(), snapshot.c.id.desc())
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).mappings().all(), columns=[c.name for c in snapshot.columns])
    return frame[["id", "coop", "file", "as_of", "members", "saved_at", "schema_version"]]


def load(engine: sa.Engine, snapshot_id: int) -> Snapshot:
    with engine.connect() as conn:
        head = conn.execute(sa.select(snapshot).where(snapshot.c.id == snapshot_id)).mappings().first()
        if head is None:
            raise LedgerError.of("snap_none", id=snapshot_id, where=where(engine))
        if head["schema_version"] > SCHEMA_VERSION:
            raise LedgerError.of("snap_newer", id=snapshot_id, version=head["schema_version"])
        members, plan, loans = (_rows(conn, table, snapshot_id) for table in CHILDREN)
    return Snapshot(head["coop"], head["file"], head["as_of"], _members(members), _plan(plan),
                    loans if len(loans) else None, head["id"], head["saved_at"], head["schema_version"])


def _rows(conn, table: sa.Table, snapshot_id: int) -> pd.DataFrame:
    columns = [c for c in table.columns if c.name != "snapshot_id"]
    result = conn.execute(sa.select(*columns).where(table.c.snapshot_id == snapshot_id))
    return pd.DataFrame(result.all(), columns=[c.name for c in columns])


def _members(rows: pd.DataFrame) -> pd.DataFrame:
    labels = rows[["bucket_rank", "bucket"]].drop_duplicates().sort_values("bucket_rank")["bucket"].tolist()
    return pd.DataFrame({"member_no": rows["member_no"], "name": rows["name"], "group": rows["group"],
                         "days": rows["days"].astype(int),
                         "bucket": pd.Categorical(rows["bucket"], categories=labels, ordered=True),
                         "overdue": rows["overdue"].astype(np.int64) / 100})


def _plan(rows: pd.DataFrame) -> pd.DataFrame | None:
    if rows.empty:
        return None
    return rows.assign(overdue=rows["overdue"].astype(np.int64) / 100, interest=rows["interest"].astype(np.int64) / 100)


def delete(engine: sa.Engine, snapshot_id: int) -> None:
    """Its rows removed from every table (overwritten in an SQLite file, not just unlinked)."""
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA secure_delete=ON")
        for table in CHILDREN:
            conn.execute(table.delete().where(table.c.snapshot_id == snapshot_id))
        if conn.execute(snapshot.delete().where(snapshot.c.id == snapshot_id)).rowcount == 0:
            raise LedgerError.of("snap_none", id=snapshot_id, where=where(engine))


def snapshot_id(ref: str) -> int | None:
    """"snapshot:3" -> 3; a file path -> None; "snapshot:x" is a user error."""
    if not ref.startswith(PREFIX):
        return None
    number = ref[len(PREFIX):].strip()
    if not number.isdigit():
        raise LedgerError.of("snap_bad_ref", ref=ref)
    return int(number)
