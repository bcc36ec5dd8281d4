"""Saved snapshots: a ledger's per-member analysis and its plan, so that a follow-up months later needs no old
file. SQLAlchemy Core; an SQLite file by default (`KMDASH_STORE`, else `sqlite:///snapshots.db`), any
SQLAlchemy URL otherwise (postgresql+psycopg://...). Money is stored exactly: integer satang for the members,
baht to the satang in the plan's cells.

The tables are Alembic's (`kmdash.migrations`): opening a store brings it to the newest revision, all or
nothing; a store written by a newer kmdash is refused. The plan is kept whole, whatever fields the registered
techniques give it (`kmdash.plan.fields()`): one row per member, the cells as JSON.

Nothing is saved unless asked. Deleting a snapshot deletes its rows; on SQLite with secure_delete on, so the
deleted content is overwritten in the file, not merely unlinked. Each snapshot records the schema version
that wrote it: an older one still loads, a newer one is refused with a message.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa

from .errors import LedgerError
from .followup import satang
from .plan import coded, make_plan, of_kind, typed
from .scope import scope_of
from .words import day

SCHEMA_VERSION = 2  # what a snapshot holds: 1 the plan's fields of the day (no group leader), 2 every field
ENV = "KMDASH_STORE"
DEFAULT_URL = "sqlite:///snapshots.db"
PREFIX = "snapshot:"
MIGRATION_LOCK = 0x6B6D6461  # PostgreSQL advisory lock held while a store is upgraded ("kmda")

metadata = sa.MetaData()  # the tables as the newest migration leaves them


def _owner(index: bool = True) -> sa.Column:
    return sa.Column("snapshot_id", sa.Integer, sa.ForeignKey("snapshot.id", ondelete="CASCADE"), nullable=False,
                     index=index)


snapshot = sa.Table(
    "snapshot", metadata, sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("coop", sa.Text), sa.Column("file", sa.Text, nullable=False), sa.Column("as_of", sa.Date, nullable=False),
    sa.Column("saved_at", sa.DateTime, nullable=False), sa.Column("members", sa.Integer, nullable=False),
    sa.Column("schema_version", sa.Integer, nullable=False),
    *(sa.Column(name, sa.BigInteger) for name in ("outstanding", "at_risk30", "at_risk90")),  # satang, 0004 on
    sa.Column("members_long_overdue", sa.Integer), sa.Column("top_technique", sa.Integer),
    sa.Index("ix_snapshot_coop_as_of", "coop", "as_of"))
snapshot_member = sa.Table(
    "snapshot_member", metadata, _owner(), sa.Column("member_no", sa.Text, nullable=False), sa.Column("name", sa.Text),
    sa.Column("group", sa.Text), sa.Column("days", sa.Integer, nullable=False),
    sa.Column("bucket", sa.Text, nullable=False), sa.Column("bucket_rank", sa.Integer, nullable=False),
    sa.Column("overdue", sa.BigInteger, nullable=False))
snapshot_plan = sa.Table(  # the other cells: a JSON object, field key -> value (see _plan_rows)
    "snapshot_plan", metadata, _owner(index=False), sa.Column("position", sa.Integer, nullable=False),
    sa.Column("member", sa.Text, nullable=False), sa.Column("cells", sa.Text, nullable=False),
    sa.PrimaryKeyConstraint("snapshot_id", "position"))
snapshot_loan = sa.Table("snapshot_loan", metadata, _owner(), sa.Column("member_no", sa.Text, nullable=False),
                         sa.Column("contract", sa.Text))
CHILDREN = (snapshot_member, snapshot_plan, snapshot_loan)
action = sa.Table(  # the record (kmdash.record): technique 0 and amount 0 when none was given
    "action", metadata, sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("coop", sa.Text, nullable=False), sa.Column("member", sa.Text, nullable=False),
    sa.Column("member_key", sa.Text, nullable=False), sa.Column("done_on", sa.Date, nullable=False),
    sa.Column("kind", sa.Text, nullable=False), sa.Column("technique", sa.Integer, nullable=False),
    sa.Column("amount", sa.BigInteger, nullable=False), sa.Column("promised_date", sa.Date),
    sa.Column("done_by", sa.Text, nullable=False), sa.Column("note", sa.Text, nullable=False),
    sa.Column("source", sa.Text, nullable=False), sa.Column("recorded_at", sa.DateTime, nullable=False),
    sa.Index("ix_action_coop_member", "coop", "member_key"))
audit = sa.Table(  # append-only (revision 0005's triggers): `log` adds, nothing changes or deletes
    "audit", metadata, sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime, nullable=False), sa.Column("by", sa.Text, nullable=False),
    sa.Column("event", sa.Text, nullable=False), sa.Column("coop", sa.Text, nullable=False),
    sa.Column("what", sa.Text, nullable=False))
account = sa.Table(  # kmdash.accounts: password an argon2 hash (None: the identity provider's), coops JSON
    "account", metadata, sa.Column("name", sa.Text, primary_key=True), sa.Column("password", sa.Text),
    sa.Column("role", sa.Text, nullable=False), sa.Column("coops", sa.Text, nullable=False),
    sa.Column("names", sa.Boolean, nullable=False), sa.Column("disabled", sa.Boolean, nullable=False),
    sa.Column("failures", sa.Integer, nullable=False), sa.Column("locked_until", sa.DateTime),
    sa.Column("created_at", sa.DateTime, nullable=False))
USER_ENV = "KMDASH_USER"


@dataclass
class Snapshot:
    coop: str | None
    file: str
    as_of: date
    members: pd.DataFrame  # member_no, name, group, days, bucket (ordered categorical), overdue (baht)
    plan: pd.DataFrame | None = None  # kmdash.plan's columns, as `plan.typed` gives them
    loans: pd.DataFrame | None = None  # member_no, contract
    id: int | None = None
    saved_at: datetime | None = None
    schema_version: int = SCHEMA_VERSION
    headline: Headline | None = None  # None in a snapshot saved before revision 0004


@dataclass(frozen=True)
class Headline:
    """The figures a history and the province need beyond the members' (baht; None: the ledger had no
    outstanding column)."""

    outstanding: float | None
    at_risk30: float | None
    at_risk90: float | None
    members_long_overdue: int
    top_technique: int | None


HEADLINE_MONEY = ("outstanding", "at_risk30", "at_risk90")


def of_result(result, plan: pd.DataFrame | None = None) -> Snapshot:
    """What a later comparison needs from a pipeline Result (and the plan, as exported or filled in)."""
    from .techniques.selector import rank

    analysis = result.analysis
    loans, head = analysis.loans, analysis.headline
    headline = Headline(head["outstanding"], *(analysis.at_risk(d) for d in (30, 90)), head["members_long_overdue"],
                        rank(analysis)[0].number)
    return Snapshot(result.ledger.coop, Path(result.file).name, result.as_of,
                    analysis.members[["member_no", "name", "group", "days", "bucket", "overdue"]].copy(),
                    plan, loans[["member_no", "contract"]].copy() if "contract" in loans else None,
                    headline=headline)


def save_ledger(engine: sa.Engine, result, lang: str = "th", filled: pd.DataFrame | None = None,
                prepared: Sequence[pd.DataFrame] = (), by: str | None = None) -> Snapshot:
    """Saving a snapshot, the one way (the command and the page): the ledger's analysis and its plan, which is
    the plan the staff filled (`filled`, as `read_plan` gives it) when given, else the plan kmdash makes (with
    what the tool pages `prepared`). The snapshot saved, with its id; LedgerError `snap_already` when the co-op
    has one of that date (delete it first to save it again)."""
    refuse_outside(engine, result.ledger.coop)
    found = same_date(engine, result.ledger.coop, result.as_of)
    if found is not None:
        raise LedgerError.of("snap_already", id=found, coop=result.ledger.coop or "-",
                             as_of=lambda lang: day(result.as_of, lang))
    plan = filled if filled is not None else make_plan(result, lang, prepared=prepared)
    snap = of_result(result, plan)
    snap.id = save(engine, snap, by)
    return snap


def refuse_outside(engine: sa.Engine, coop: str | None) -> None:
    """LedgerError `snap_not_yours` when the engine's scope does not reach the co-op."""
    if not scope_of(engine).allows(coop):
        raise LedgerError.of("snap_not_yours", coop=coop or "-")


def same_date(engine: sa.Engine, coop: str | None, as_of: date) -> int | None:
    """The id of the co-op's snapshot of this date, if one is saved."""
    query = sa.select(snapshot.c.id).where(_of_coop(coop), snapshot.c.as_of == as_of).limit(1)
    with engine.connect() as conn:
        return conn.execute(query).scalar()


def _visible(bind) -> sa.ColumnElement:
    """The snapshots the engine's (or connection's) scope may see."""
    return scope_of(bind).where(snapshot.c.coop)


def _of_coop(coop: str | None):
    return snapshot.c.coop.is_(None) if coop is None else snapshot.c.coop == coop


def coops(engine: sa.Engine) -> list[str | None]:
    """The co-ops with snapshots, by name (None: ledgers that named none, last)."""
    with engine.connect() as conn:
        names = conn.execute(sa.select(snapshot.c.coop).distinct().where(_visible(engine))).scalars().all()
    return sorted(n for n in names if n is not None) + [None] * (None in names)


def history_rows(engine: sa.Engine, coop: str | None):
    """A co-op's snapshots, one per date (the last saved of a date), oldest first, as `history.history` takes
    them (`history.Rows`): the sums per snapshot and bucket counted by the database, the members' overdue for
    the flows, and the names of the latest snapshot's debtors."""
    from .history import Rows

    m, every = snapshot_member, snapshot_heads(engine)
    heads = every[every["coop"].isna() if coop is None else every["coop"] == coop].reset_index(drop=True)
    ids = [int(i) for i in heads["snapshot_id"]]
    with engine.connect() as conn:
        aging = bucket_sums(conn, ids)
        overdue = _member_overdue(conn, m.c.snapshot_id.in_(ids))
        latest = _frame(conn, sa.select(m.c.member_no, m.c.name, m.c.group).where(
            m.c.snapshot_id == (ids[-1] if ids else -1), m.c.overdue > 0), ["member_no", "name", "group"])
    figures = aging.groupby("snapshot_id", as_index=False)[["members", "members_overdue", "overdue"]].sum()
    return Rows(heads, figures, aging.drop(columns="members_overdue"), overdue, latest)


def bucket_sums(conn, ids: list[int]) -> pd.DataFrame:
    """Per snapshot and aging bucket, counted by the database: snapshot_id, bucket_rank, bucket, members,
    members_overdue (days > 0), overdue (satang)."""
    m = snapshot_member
    late = sa.func.sum(sa.case((m.c.days > 0, 1), else_=0))
    query = sa.select(m.c.snapshot_id, m.c.bucket_rank, m.c.bucket, sa.func.count(), late, sa.func.sum(m.c.overdue)
                      ).where(m.c.snapshot_id.in_(ids)).group_by(m.c.snapshot_id, m.c.bucket_rank, m.c.bucket)
    sums = _frame(conn, query, ["snapshot_id", "bucket_rank", "bucket", "members", "members_overdue", "overdue"])
    return sums.astype({"members": "int64", "members_overdue": "int64", "overdue": "int64"})


def snapshot_heads(engine: sa.Engine) -> pd.DataFrame:
    """Every co-op's snapshots, one per co-op and date (the last saved of a date), oldest first: snapshot_id,
    coop, as_of and the headline's columns (money in satang; None before revision 0004)."""
    columns = ["snapshot_id", "coop", "as_of", *HEADLINE_MONEY, "members_long_overdue", "top_technique"]
    query = sa.select(snapshot.c.id, snapshot.c.coop, snapshot.c.as_of, *(snapshot.c[n] for n in columns[3:])
                      ).where(_visible(engine)).order_by(snapshot.c.as_of, snapshot.c.saved_at, snapshot.c.id)
    with engine.connect() as conn:
        found = _frame(conn, query, columns)
    return found.drop_duplicates(["coop", "as_of"], keep="last").reset_index(drop=True)


UNIT, RECORD = "\x1f", "\x1e"  # separators of the database's own text of a snapshot's members


def _member_overdue(conn, chosen) -> pd.DataFrame:
    """snapshot_id, member_no, overdue (satang) of every member of the chosen snapshots: each snapshot's as one
    text the database joins ("number<US>satang<RS>..."), split in one go; 240,000 rows as objects took seconds.
    Rows one by one where a member number holds a separator."""
    m = snapshot_member
    joined = sa.func.aggregate_strings(m.c.member_no + UNIT + sa.cast(m.c.overdue, sa.Text), RECORD)
    query = sa.select(m.c.snapshot_id, sa.func.count(), joined).where(chosen).group_by(m.c.snapshot_id)
    frames = []
    for snapshot_id, count, text in conn.execute(query).all():
        parts = text.replace(UNIT, RECORD).split(RECORD)
        if len(parts) != 2 * count:
            return _frame(conn, sa.select(m.c.snapshot_id, m.c.member_no, m.c.overdue).where(chosen),
                          ["snapshot_id", "member_no", "overdue"])
        frames.append(pd.DataFrame({"snapshot_id": snapshot_id, "member_no": parts[0::2],
                                    "overdue": np.array(parts[1::2], dtype=np.int64)}))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        {"snapshot_id": [], "member_no": [], "overdue": np.array([], dtype=np.int64)})


def _frame(conn, query, columns: list[str]) -> pd.DataFrame:
    """The query's rows as a frame, built column by column (pandas probes each Row object otherwise: seconds)."""
    rows = conn.execute(query).all()
    return pd.DataFrame(dict(zip(columns, zip(*rows))) if rows else {c: [] for c in columns}, columns=columns)


def who() -> str:
    """The person acting, for the audit trail where no one has logged in: $KMDASH_USER, else the computer's
    login name."""
    import getpass

    try:
        return os.environ.get(USER_ENV) or getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return "unknown"


def log(conn, event: str, coop: str | None, what: str, by: str | None = None) -> None:
    """One audit row, in the transaction of the change it records."""
    by = by or scope_of(conn).user or who()
    conn.execute(audit.insert().values(at=datetime.now().replace(microsecond=0), by=by, event=event,
                                       coop=coop or "", what=what))


def audit_trail(engine: sa.Engine, coop: str | None = None) -> pd.DataFrame:
    """The audit trail, oldest first (a co-op's alone with `coop`): id, at, by, event, coop, what."""
    query = sa.select(audit).where(scope_of(engine).where(audit.c.coop)).order_by(audit.c.id)
    if coop is not None:
        query = query.where(audit.c.coop == coop)
    with engine.connect() as conn:
        return _frame(conn, query, [c.name for c in audit.columns])


def url_of(url: str | None = None) -> str:
    return url or os.environ.get(ENV) or DEFAULT_URL


def open_store(url: str | None = None) -> sa.Engine:
    """The store at `url` (else $KMDASH_STORE, else snapshots.db), upgraded to the newest revision."""
    try:
        engine = sa.create_engine(url_of(url))
    except (sa.exc.SQLAlchemyError, ImportError, ValueError) as exc:
        raise _failed(exc) from exc
    return prepare(engine)


def prepare(engine: sa.Engine) -> sa.Engine:
    """SQLite's foreign keys and secure delete on every connection; the store upgraded to the newest revision
    (a store already there is only read: its revision, one small query)."""
    if engine.dialect.name == "sqlite" and not sa.event.contains(engine, "connect", _sqlite_pragmas):
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    from . import migrations  # Alembic only once a store is opened (a follow-up of two files needs none)

    try:
        with engine.connect() as conn:
            newest = migrations.current(conn) == migrations.head()
        if not newest:
            with _migrating(engine) as conn:
                migrations.upgrade(conn)
    except migrations.NewerRevision as exc:
        raise LedgerError.of("snap_store_newer", revision=exc.revision, where=where(engine)) from exc
    except sa.exc.SQLAlchemyError as exc:
        raise _failed(exc) from exc
    return engine


@contextmanager
def _migrating(engine: sa.Engine) -> Iterator[sa.Connection]:
    """A connection in one transaction for the whole upgrade, other writers kept out till it ends. SQLite: the
    driver would commit each DDL statement on its own, so the transaction is begun by hand (IMMEDIATE: the
    write lock at once); PostgreSQL: a transaction-level advisory lock."""
    with engine.connect() as conn:
        if engine.dialect.name != "sqlite":
            with conn.begin():
                if engine.dialect.name == "postgresql":
                    conn.execute(sa.select(sa.func.pg_advisory_xact_lock(MIGRATION_LOCK)))
                yield conn
            return
        conn.execution_options(isolation_level="AUTOCOMMIT")
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.exec_driver_sql("ROLLBACK")
            raise
        conn.exec_driver_sql("COMMIT")


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


def save(engine: sa.Engine, snap: Snapshot, by: str | None = None) -> int:
    refuse_outside(engine, snap.coop)
    members = snap.members
    bucket = members["bucket"].astype("category")
    with engine.begin() as conn:
        new_id = conn.execute(snapshot.insert().values(
            coop=snap.coop, file=snap.file, as_of=snap.as_of, saved_at=datetime.now().replace(microsecond=0),
            members=len(members), schema_version=SCHEMA_VERSION, **_headline_row(snap.headline))
        ).inserted_primary_key[0]
        rows = pd.DataFrame({"snapshot_id": new_id, "member_no": members["member_no"].astype(str),
                             "name": members["name"].astype(str), "group": members["group"].astype(str),
                             "days": members["days"].astype(int), "bucket": bucket.astype(str),
                             "bucket_rank": bucket.cat.codes.astype(int), "overdue": satang(members["overdue"])})
        _insert(conn, snapshot_member, rows)
        if snap.plan is not None:
            _insert(conn, snapshot_plan, _plan_rows(snap.plan, new_id))
        if snap.loans is not None:
            _insert(conn, snapshot_loan, snap.loans.assign(snapshot_id=new_id).astype({"contract": str}))
        log(conn, "snapshot_saved", snap.coop, f"snapshot:{new_id} {snap.as_of.isoformat()} {snap.file}", by)
    return int(new_id)


def _headline_row(headline: Headline | None) -> dict:
    if headline is None:
        return {}
    row = {name: getattr(headline, name) for name in ("members_long_overdue", "top_technique")}
    return row | {name: None if getattr(headline, name) is None else int(satang(getattr(headline, name)))
                  for name in HEADLINE_MONEY}


def headline_of(row) -> Headline | None:
    """A snapshot row's headline figures (baht), None for one saved before they were kept."""
    if row["members_long_overdue"] is None:
        return None
    money = {name: None if row[name] is None else row[name] / 100 for name in HEADLINE_MONEY}
    return Headline(**money, members_long_overdue=row["members_long_overdue"], top_technique=row["top_technique"])


def _plan_rows(plan: pd.DataFrame, snapshot_id: int) -> pd.DataFrame:
    """One row per plan member, in the plan's order: its member number and its other cells as a JSON object
    (text as strings, days as an integer, money as baht from integer satang: an exact decimal). A column no
    registered technique declares is kept too, as text."""
    table = _typed(plan)
    kinds = of_kind("money")
    money = [c for c in table.columns if c in kinds]
    cells = table.drop(columns="member").assign(**{c: satang(table[c]) / 100 for c in money})
    return pd.DataFrame({"snapshot_id": snapshot_id, "position": np.arange(len(table)),
                         "member": table["member"].to_numpy(),
                         "cells": [json.dumps(row, ensure_ascii=False) for row in cells.to_dict("records")]})


def _typed(plan: pd.DataFrame) -> pd.DataFrame:
    """`plan.typed`, followed by the columns it does not know (a technique no longer registered) as text."""
    known = typed(plan)
    others = [c for c in plan.columns if c not in known.columns]
    return known.join(plan[others].fillna("").astype(str)).reset_index(drop=True)


def _insert(conn, table: sa.Table, rows: pd.DataFrame) -> None:
    if len(rows):
        conn.execute(table.insert(), rows.to_dict("records"))


def snapshots(engine: sa.Engine) -> pd.DataFrame:
    """What is stored: id, coop, file, as_of, members, saved_at, schema_version; the latest first."""
    query = sa.select(snapshot).where(_visible(engine)).order_by(snapshot.c.saved_at.desc(), snapshot.c.id.desc())
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).mappings().all(), columns=[c.name for c in snapshot.columns])
    return frame[["id", "coop", "file", "as_of", "members", "saved_at", "schema_version"]]


def load(engine: sa.Engine, snapshot_id: int) -> Snapshot:
    with engine.connect() as conn:
        head = conn.execute(sa.select(snapshot).where(snapshot.c.id == snapshot_id, _visible(conn))).mappings().first()
        if head is None:
            raise LedgerError.of("snap_none", id=snapshot_id, where=where(engine))
        if head["schema_version"] > SCHEMA_VERSION:
            raise LedgerError.of("snap_newer", id=snapshot_id, version=head["schema_version"])
        members, plan, loans = (_rows(conn, table, snapshot_id) for table in CHILDREN)
    return Snapshot(head["coop"], head["file"], head["as_of"], _members(members), _plan(plan),
                    loans if len(loans) else None, head["id"], head["saved_at"], head["schema_version"],
                    headline_of(head))


def _rows(conn, table: sa.Table, snapshot_id: int) -> pd.DataFrame:
    """A snapshot's rows of a table, in the order of its key where it has one (the plan's positions)."""
    columns = [c for c in table.columns if c.name != "snapshot_id"]
    query = sa.select(*columns).where(table.c.snapshot_id == snapshot_id).order_by(*table.primary_key)
    return pd.DataFrame(conn.execute(query).all(), columns=[c.name for c in columns])


def _members(rows: pd.DataFrame) -> pd.DataFrame:
    labels = rows[["bucket_rank", "bucket"]].drop_duplicates().sort_values("bucket_rank")["bucket"].tolist()
    return pd.DataFrame({"member_no": rows["member_no"], "name": rows["name"], "group": rows["group"],
                         "days": rows["days"].astype(int),
                         "bucket": pd.Categorical(rows["bucket"], categories=labels, ordered=True),
                         "overdue": rows["overdue"].astype(np.int64) / 100})


def _plan(rows: pd.DataFrame) -> pd.DataFrame | None:
    if rows.empty:
        return None
    cells = pd.DataFrame([json.loads(text) for text in rows["cells"]])
    return coded(_typed(cells.assign(member=rows["member"])))  # codes, as read_plan gives a plan back


def delete(engine: sa.Engine, snapshot_id: int, by: str | None = None) -> None:
    """Its rows removed from every table (overwritten in an SQLite file, not just unlinked)."""
    with engine.begin() as conn:
        head = conn.execute(sa.select(snapshot.c.coop, snapshot.c.as_of).where(snapshot.c.id == snapshot_id,
                                                                                _visible(conn))).first()
        if head is None:
            raise LedgerError.of("snap_none", id=snapshot_id, where=where(engine))
        _delete(conn, [snapshot_id])
        log(conn, "snapshot_deleted", head.coop, f"snapshot:{snapshot_id} {head.as_of.isoformat()}", by)


def _delete(conn, ids: list[int]) -> None:
    for table in CHILDREN:
        conn.execute(table.delete().where(table.c.snapshot_id.in_(ids)))
    conn.execute(snapshot.delete().where(snapshot.c.id.in_(ids)))


def prune(engine: sa.Engine, before: date, by: str | None = None) -> list[int]:
    """Every snapshot dated before `before` deleted for real, as `delete` does; their ids."""
    with engine.begin() as conn:
        old = conn.execute(sa.select(snapshot.c.id, snapshot.c.coop).where(snapshot.c.as_of < before,
                                                                            _visible(conn))).all()
        if old:
            _delete(conn, [r.id for r in old])
        for coop in sorted({r.coop or "" for r in old}):
            ids = [r.id for r in old if (r.coop or "") == coop]
            log(conn, "snapshots_pruned", coop, f"{len(ids)} before {before.isoformat()}: "
                + " ".join(f"snapshot:{i}" for i in ids), by)
    return [r.id for r in old]


def snapshot_id(ref: str) -> int | None:
    """"snapshot:3" -> 3; a file path -> None; "snapshot:x" is a user error."""
    if not ref.startswith(PREFIX):
        return None
    number = ref[len(PREFIX):].strip()
    if not number.isdigit():
        raise LedgerError.of("snap_bad_ref", ref=ref)
    return int(number)


def _failed(exc: Exception) -> LedgerError:
    return LedgerError.of("snap_store_failed", reason=exc)
