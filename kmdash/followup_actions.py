"""The follow-up judged by the record (KM steps 7 and 8): what became of the debtors each kind of action reached,
beside the untreated debtors (overdue then, no action recorded), and the promises kept or broken.

Pure: a Comparison (followup.compare) and a frame of actions (actions.COLUMNS). Only actions dated on or
before the later ledger's date count. Money is integer satang; a member's cash recovered is the fall of
their overdue that the comparison books as recovered (never a pool refinancing).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from .actions import POOL_REPAID, PROMISE, technique_number
from .followup import Comparison, member_key

MIN_MEMBERS = 5  # fewer members behind a rate: shown, never ranked as a success
KEPT, BROKEN, PENDING = "kept", "broken", "pending"


def counted(actions: pd.DataFrame, as_of_new: date) -> pd.DataFrame:
    """The actions a follow-up to `as_of_new` may count: dated on or before it, with their matching key."""
    done = actions[actions["date"].map(lambda d: d <= as_of_new).astype(bool)] if len(actions) else actions
    return done.assign(key=member_key(done["member"]) if len(done) else pd.Series(dtype=object))


def pool_repaid(actions: pd.DataFrame, as_of_old: date, as_of_new: date) -> list[str]:
    """Member numbers recorded as repaid through the pool after the earlier ledger, by the later one (a
    repayment on or before the earlier ledger's date is already in its figures)."""
    pooled = actions[(actions["kind"] == POOL_REPAID) & actions["date"].map(lambda d: as_of_old < d <= as_of_new)]
    return pooled["member"].astype(str).tolist()


@dataclass
class Judged:
    by_action: pd.DataFrame  # kind, technique, members, overdue_then, recovered, refinanced, rate, uplift, member_list
    untreated: dict  # members, overdue_then, recovered, refinanced, rate, member_list
    promises: pd.DataFrame  # one row per promise counted: member, date, promised_date, amount, paid, state
    min_members: int = MIN_MEMBERS

    def promise_counts(self) -> dict[str, int]:
        p = self.promises
        return {KEPT: int((p["state"] == KEPT).sum()), BROKEN: int((p["state"] == BROKEN).sum()),
                PENDING: int((p["state"] == PENDING).sum()),
                "kept_amount": int(p.loc[p["state"] == KEPT, "amount"].sum()),
                "broken_amount": int(p.loc[p["state"] == BROKEN, "amount"].sum())}

    @property
    def broken(self) -> pd.DataFrame:
        return self.promises[self.promises["state"] == BROKEN]

    def best(self, top: int = 5) -> pd.DataFrame:
        """What was done, highest cash recovery rate first; a rate behind fewer than MIN_MEMBERS members ranks
        after. Pool repayments are not ranked: their fall is refinancing, never cash (shown in `by_action`)."""
        table = self.by_action[(self.by_action["overdue_then"] > 0) & (self.by_action["kind"] != POOL_REPAID)]
        table = table.assign(enough=table["members"] >= self.min_members)
        return table.sort_values(["enough", "rate", "members"], ascending=False, kind="stable").head(top)


def judge(comparison: Comparison, actions: pd.DataFrame, chosen: pd.DataFrame | None = None) -> Judged:
    """`actions` (already `counted`) against the comparison. `chosen`: the plan's member and chosen technique
    columns, naming the technique of an action that names none."""
    debtors = _debtors(comparison)
    done = actions[actions["key"].isin(debtors.index)] if len(actions) else actions
    technique = _techniques(done, chosen)
    by_action = _by_action(debtors, done.assign(technique=technique))
    untreated = debtors[~debtors.index.isin(set(done["key"]))]
    base = _figures(untreated)
    by_action["uplift"] = (by_action["rate"] - base["rate"]).round(6)
    return Judged(by_action, base, _promises(comparison, actions))


def _debtors(comparison: Comparison) -> pd.DataFrame:
    """Members overdue at the earlier ledger, by key: member, overdue_then, cash recovered (satang)."""
    m, fall = comparison.members, comparison.fall()
    frame = pd.DataFrame({"member": m["member"], "overdue_then": m["overdue_then"],
                          "recovered": fall.where(~m["refinanced"], 0), "refinanced": fall.where(m["refinanced"], 0)})
    return frame.set_index(m["key"])[m["overdue_then"].to_numpy() > 0]


def _techniques(done: pd.DataFrame, chosen: pd.DataFrame | None) -> pd.Series:
    """Each action's technique number: its own, else the member's chosen technique in the plan, else 0."""
    own = done["technique"].astype(int) if len(done) else pd.Series(dtype="int64")
    if chosen is None or not len(done) or "chosen" not in chosen:
        return own
    plan = pd.Series(chosen["chosen"].map(technique_number).to_numpy(), index=member_key(chosen["member"])).groupby(level=0).first()
    return own.where(own > 0, done["key"].map(plan).fillna(0).astype(int))


def _by_action(debtors: pd.DataFrame, done: pd.DataFrame) -> pd.DataFrame:
    pairs = done[["kind", "technique", "key"]].drop_duplicates()
    rows = []
    for (kind, technique), group in pairs.groupby(["kind", "technique"], sort=True):
        rows.append({"kind": kind, "technique": int(technique), **_figures(debtors.loc[group["key"].unique()])})
    columns = ["kind", "technique", "members", "overdue_then", "recovered", "refinanced", "rate", "member_list"]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["recovered", "kind", "technique"], ascending=[False, True, True], kind="stable",
                             ignore_index=True)


def _figures(members: pd.DataFrame) -> dict:
    then, recovered = int(members["overdue_then"].sum()), int(members["recovered"].sum())
    return {"members": len(members), "overdue_then": then, "recovered": recovered,
            "refinanced": int(members["refinanced"].sum()), "rate": recovered / then if then else 0.0,
            "member_list": members["member"].astype(str).tolist()}


def _promises(comparison: Comparison, actions: pd.DataFrame) -> pd.DataFrame:
    """Each promise counted: kept when its date has passed by the later ledger and the member's overdue fell by
    at least what they promised (their promises due by then added up in date order); broken when its date has
    passed and it was not; pending when its date is after the later ledger."""
    columns = ["member", "date", "promised_date", "amount", "paid", "state"]
    promises = actions[actions["kind"] == PROMISE] if len(actions) else actions
    if not len(promises):
        return pd.DataFrame(columns=columns).astype({"amount": "int64", "paid": "int64"})
    m = comparison.members  # one row per key
    paid = pd.Series(comparison.fall().to_numpy(), index=m["key"])
    number = pd.Series(m["member"].to_numpy(), index=m["key"])
    out = promises.assign(paid=promises["key"].map(paid).fillna(0).astype(np.int64),  # the ledger's number, as
                          member=promises["key"].map(number).fillna(promises["member"]))  # aliases know it
    out = out.sort_values(["key", "promised_date", "date"], kind="stable")
    due = out["promised_date"].map(lambda d: d <= comparison.as_of_new).astype(bool)
    owed = out["amount"].where(due, 0).groupby(out["key"]).cumsum()
    out["state"] = np.where(~due, PENDING, np.where(owed <= out["paid"], KEPT, BROKEN))
    return out[columns].sort_values(["promised_date", "member"], kind="stable", ignore_index=True)
