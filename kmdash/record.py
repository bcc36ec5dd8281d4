"""The record of actions kept in the store (table `action`, migration 0003), per co-op, across sessions and
ledgers. Frames in and out are `actions.COLUMNS` (with `id`, `coop`, `source` and `recorded_at` on the way
out). Nothing is recorded but by a person's confirmation: the page's buttons, `actions import`.
"""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import sqlalchemy as sa

from .actions import COLUMNS, checked, empty
from .errors import LedgerError
from .followup import member_key
from .scope import scope_of
from .store import action, log, refuse_outside, where

STORED = {"member": "member", "date": "done_on", "kind": "kind", "technique": "technique", "amount": "amount",
          "promised_date": "promised_date", "by": "done_by", "note": "note"}
LISTED = ["id", "coop", *COLUMNS, "source", "recorded_at"]


def coop_key(coop: str | None) -> str:
    """The co-op an action belongs to: its name with spaces tidied; "" when the ledger names none."""
    return " ".join(str(coop or "").split())


def add(engine: sa.Engine, coop: str | None, actions: pd.DataFrame, source: str = "",
        by: str | None = None) -> tuple[list[int], int]:
    """Records `actions` (as `actions.checked` gives them) for `coop`, all or none: (the new ids, how many
    were already recorded alike and so not added again)."""
    refuse_outside(engine, coop_key(coop))
    rows = _rows(coop, actions, source)
    with engine.begin() as conn:
        known = {_same(r) for r in conn.execute(sa.select(action).where(action.c.coop == coop_key(coop))).mappings()}
        fresh = [r for r in rows if _same(r) not in known]
        ids = conn.execute(action.insert().returning(action.c.id, sort_by_parameter_order=True), fresh).scalars().all() if fresh else []
        if ids:
            log(conn, "actions_imported", coop_key(coop), f"{len(ids)} from {source or '-'}", by)
    return [int(i) for i in ids], len(rows) - len(fresh)


def _rows(coop: str | None, actions: pd.DataFrame, source: str) -> list[dict]:
    now = datetime.now().replace(microsecond=0)
    keys = member_key(actions["member"]) if len(actions) else pd.Series(dtype=object)
    return [{**{STORED[c]: _plain(row[c]) for c in COLUMNS}, "coop": coop_key(coop), "member_key": key,
             "source": source, "recorded_at": now}
            for row, key in zip(actions.to_dict("records"), keys)]


def _plain(value):
    return int(value) if hasattr(value, "dtype") else value


def _same(row) -> tuple:
    """What makes two actions one: everything typed, the member as matched."""
    return tuple(row[c] for c in ("member_key", "done_on", "kind", "technique", "amount", "promised_date",
                                  "done_by", "note"))


def listed(engine: sa.Engine, coop: str | None = None, member: str | None = None,
           until: date | None = None) -> pd.DataFrame:
    """The record (LISTED), oldest first: every co-op's unless `coop` is given, one member's (as matched)
    with `member`, only actions dated on or before `until` with it."""
    query = sa.select(action).where(_visible(engine)).order_by(action.c.done_on, action.c.id)
    if coop is not None:
        query = query.where(action.c.coop == coop_key(coop))
    if member is not None:
        query = query.where(action.c.member_key == member_key(pd.Series([member])).iloc[0])
    if until is not None:
        query = query.where(action.c.done_on <= until)
    with engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    if not rows:
        return empty().assign(id=pd.Series(dtype="int64"), coop="", source="", recorded_at=None)[LISTED]
    frame = pd.DataFrame(rows).rename(columns={v: k for k, v in STORED.items()})
    frame["promised_date"] = frame["promised_date"].astype(object).where(frame["promised_date"].notna(), None)
    return frame.astype({"technique": "int64", "amount": "int64"})[LISTED]


def reached(actions: pd.DataFrame, kind: str, since: date, member_nos: pd.Series) -> list[str]:
    """The members of `member_nos` (as a ledger writes them) with an action of `kind` dated on or after `since`
    in `actions` (as `listed` gives them), matched as the follow-up matches members."""
    done = actions.loc[(actions["kind"] == kind) & (actions["date"] >= since), "member"]
    keys = set(member_key(done))
    numbers = member_nos.astype(str)
    return [m for m, k in zip(numbers, member_key(numbers)) if k in keys]


def delete(engine: sa.Engine, ids: list[int], by: str | None = None) -> None:
    """Removes the actions `ids`, all or none (an unknown id is a user error)."""
    with engine.begin() as conn:
        coops = set()
        for number in ids:
            coop = _coop_of(conn, number)
            if coop is None:
                raise LedgerError.of("actions_none_id", id=number, where=where(engine))
            conn.execute(action.delete().where(action.c.id == int(number)))
            coops.add(coop)
        for coop in sorted(coops):
            log(conn, "actions_deleted", coop, " ".join(str(i) for i in ids), by)


def correct(engine: sa.Engine, number: int, row: dict, by: str | None = None) -> None:
    """Action `number` rewritten with `row` (any of actions.FIELDS, checked as an import's row is)."""
    fixed = checked([row]).iloc[0]
    values = {STORED[c]: _plain(fixed[c]) for c in COLUMNS}
    values["member_key"] = member_key(pd.Series([fixed["member"]])).iloc[0]
    with engine.begin() as conn:
        coop = _coop_of(conn, number)
        if coop is None:
            raise LedgerError.of("actions_none_id", id=number, where=where(engine))
        conn.execute(action.update().where(action.c.id == int(number)).values(**values))
        log(conn, "action_corrected", coop, str(number), by)


def _visible(bind) -> sa.ColumnElement:
    return scope_of(bind).where(action.c.coop)


def _coop_of(conn, number: int) -> str | None:
    """The co-op of action `number`; None when there is none the connection's scope may see."""
    return conn.execute(sa.select(action.c.coop).where(action.c.id == int(number), _visible(conn))).scalar()
