"""The follow-up against the plan (KM steps 7 and 8): what each technique chosen, tier, person, group, grade
and pool cycle recovered, and which of them did best.

Money is integer satang. A member recorded as repaid through the pool re-borrowed (the comparison's
`refinanced`): their fall is refinanced, never cash recovered. The technique is the one staff chose for the
member (the plan's `chosen`), not every technique that could apply. Plan members missing from the later
ledger are listed, not dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .followup import FELL, LEFT, Comparison, member_key, satang
from .plan import coded, of_kind, technique_numbers
from .techniques.registry import dimensions

BEST_OF = ("technique", "group", "assignee")
MIN_MEMBERS = 5  # fewer members behind a rate: shown, never ranked as a success
FIGURES = ("members", "cleared", "refinanced_members", "missing", "overdue_then", "recovered", "refinanced",
           "overdue_now")


@dataclass
class Review:
    members: pd.DataFrame  # one row per plan member: their plan columns and what became of them
    by: dict[str, pd.DataFrame]  # per dimension: value, FIGURES, rate

    @property
    def missing(self) -> pd.DataFrame:
        return self.members.loc[self.members["missing"], ["member", "name", "group", "overdue_then"]]

    def refinanced(self) -> dict[str, int]:
        m = self.members
        return {"members": int(m["refinanced_member"].sum()), "amount": int(m["refinanced"].sum())}

    def best(self, dimension: str, top: int = 5) -> pd.DataFrame:
        """The highest cash recovery rates; a rate behind fewer than MIN_MEMBERS members ranks after."""
        table = self.by[dimension]
        table = table[(table["value"] != "") & (table["overdue_then"] > 0)]
        table = table.assign(enough=table["members"] >= MIN_MEMBERS)
        return table.sort_values(["enough", "rate", "members"], ascending=False).head(top)  # stable on several keys


def review(comparison: Comparison, plan: pd.DataFrame) -> Review:
    """Plan rows (report.plan's columns; tiers as codes or as words) against the comparison of the two ledgers."""
    rows = coded(plan).assign(key=member_key(plan["member"])).drop_duplicates("key")
    found = comparison.members[["key", "status", "overdue_then", "overdue_now", "refinanced"]].rename(columns={"status": "status_now"})
    rows = rows.merge(found, on="key", how="left")
    missing = rows["status_now"].isna() | rows["status_now"].eq(LEFT)
    then = rows["overdue_then"].fillna(pd.Series(satang(rows["overdue"]), index=rows.index)).astype(np.int64)
    now = rows["overdue_now"].fillna(0).astype(np.int64)
    fall = (then - now).where(rows["status_now"].isin(FELL) & ~missing, 0)
    pooled = rows["refinanced"].fillna(False).astype(bool)
    dims, cycles = dimensions(), of_kind("int")
    members = pd.DataFrame({
        "member": rows["member"], "name": rows["name"], "group": rows["group"], "key": rows["key"],
        "technique": _text(rows.get("chosen", pd.Series("", index=rows.index))).map(technique_numbers),
        **{d: _cycle(rows[d]) if d in cycles else _text(rows[d]) for d in dims[1:] if d != "group"},
        "status": rows["status_now"].fillna(LEFT), "missing": missing, "overdue_then": then,
        "overdue_now": now.where(~missing, 0), "recovered": fall.where(~pooled, 0), "refinanced": fall.where(pooled, 0),
        "cleared_member": rows["status_now"].eq("cleared") & ~pooled, "refinanced_member": pooled & (fall > 0)})
    return Review(members.reset_index(drop=True), {d: _by(members, d) for d in dims})


def _by(members: pd.DataFrame, dimension: str) -> pd.DataFrame:
    rows = members.explode("technique") if dimension == "technique" else members
    rows = rows.assign(value=rows[dimension].fillna("").astype(str), members=1, cleared=rows["cleared_member"],
                       refinanced_members=rows["refinanced_member"], missing=rows["missing"].astype(int))
    table = rows.groupby("value", sort=False)[list(FIGURES)].sum().reset_index()
    table[list(FIGURES)] = table[list(FIGURES)].astype(np.int64)
    rate = table["recovered"] / table["overdue_then"].where(table["overdue_then"] > 0)
    table["rate"] = rate.fillna(0.0)
    return table.sort_values(["recovered", "value"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _text(values: pd.Series) -> pd.Series:
    return values.fillna("").astype(str).str.strip()


def _cycle(values: pd.Series) -> pd.Series:
    """Pool cycles as "1", "2" whether the file held 1, 1.0 or "1"."""
    number = pd.to_numeric(values, errors="coerce")
    return number.map(lambda n: "" if pd.isna(n) else str(int(n)))
