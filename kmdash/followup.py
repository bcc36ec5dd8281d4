"""Follow-up (the handbook's KM step 7): an earlier ledger's members against a later one's.

Pure: two member tables (analyse.member_table's member_no, name, group, overdue, bucket) and their as-of
dates -> Comparison. Members match by member number (spaces, no-break spaces and the leading zeros of
all-digit numbers aside: "00017" is 17); members without a number are keyed by their name, so they match
by name. Money is integer satang; every step is vectorised.

The identity, to the satang: overdue_then - recovered - refinanced - left_overdue + increase = overdue_now.
`refinanced` is the fall of members cleared or reduced through the pool (they re-borrowed): never cash.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

STATUSES = ("cleared", "reduced", "unchanged", "grown", "new_arrears", "left", "joined", "current")
JOINED, LEFT = "joined", "left"
FELL = ("cleared", "reduced")
ROSE = ("grown", "new_arrears", "joined")
_SPACES = r"[\s\u00a0\u2007\u202f\u200b\ufeff]"


def member_key(numbers: pd.Series) -> pd.Series:
    """The matching key: no spaces of any kind; an all-digit number without its leading zeros."""
    text = numbers.astype(str).str.replace(_SPACES, "", regex=True)
    digits = text.str.fullmatch(r"\d+").astype(bool)  # text: never missing
    stripped = text.str.lstrip("0").mask(lambda s: s == "", "0")
    return text.where(~digits, stripped)


def satang(values) -> np.ndarray:
    return np.rint(np.asarray(values, dtype=float) * 100).astype(np.int64)


@dataclass
class Comparison:
    as_of_old: date
    as_of_new: date
    # key, member, name, group, status, overdue_then, overdue_now (satang), bucket_then, bucket_now, refinanced
    members: pd.DataFrame
    buckets: tuple[str, ...]  # the aging buckets in order
    loans: dict | None = None  # contracts matched, closed and opened; None unless both ledgers have them

    def count(self) -> dict[str, int]:
        counts = self.members["status"].value_counts()
        return {s: int(counts.get(s, 0)) for s in STATUSES}

    def fall(self) -> pd.Series:
        """Per member (satang): how far their overdue fell, for those cleared or reduced; else 0."""
        m = self.members
        return (m["overdue_then"] - m["overdue_now"]).where(m["status"].isin(FELL), 0)

    def totals(self) -> dict[str, int]:
        """The identity's figures, in satang."""
        m = self.members
        fall = self.fall()
        rise = (m["overdue_now"] - m["overdue_then"]).where(m["status"].isin(ROSE), 0)
        return {"overdue_then": int(m["overdue_then"].sum()), "overdue_now": int(m["overdue_now"].sum()),
                "recovered": int(fall[~m["refinanced"]].sum()), "refinanced": int(fall[m["refinanced"]].sum()),
                "left_overdue": int(m["overdue_then"].where(m["status"] == LEFT, 0).sum()),
                "increase": int(rise.sum())}

    def transitions(self) -> pd.DataFrame:
        """from (a bucket then, or joined), to (a bucket now, or left), members: every member once."""
        sources, targets = [*self.buckets, JOINED], [*self.buckets, LEFT]
        pairs = self.members.groupby(["bucket_then", "bucket_now"]).size()  # put in order below
        table = pairs.rename("members").reset_index().rename(columns={"bucket_then": "from", "bucket_now": "to"})
        order = table["from"].map(sources.index) * len(targets) + table["to"].map(targets.index)
        return table.assign(order=order).sort_values("order").drop(columns="order").reset_index(drop=True)

    def matrix(self) -> pd.DataFrame:
        """The transitions as a grid: rows from, columns to, zeros where nobody moved."""
        grid = self.transitions().pivot(index="from", columns="to", values="members")
        return grid.reindex(index=[*self.buckets, JOINED], columns=[*self.buckets, LEFT]).fillna(0).astype(int)


def compare(old: pd.DataFrame, new: pd.DataFrame, as_of_old: date, as_of_new: date,
            refinanced: Iterable[str] = (), old_loans: pd.DataFrame | None = None,
            new_loans: pd.DataFrame | None = None) -> Comparison:
    """Every member of either table once, with a status. `refinanced`: member numbers recorded as repaid
    through the pool (`pool_repaid` actions, followup_actions.pool_repaid); their fall is refinanced, not
    recovered."""
    buckets = _bucket_order(old["bucket"], new["bucket"])
    both = _side(old).merge(_side(new), on="key", how="outer", suffixes=("_then", "_now"), indicator=True)
    then = both["overdue_then"].fillna(0).astype(np.int64)
    now = both["overdue_now"].fillna(0).astype(np.int64)
    status = statuses(then.to_numpy(), now.to_numpy(), both["_merge"] != "right_only", both["_merge"] != "left_only")
    pooled = set(member_key(pd.Series(list(refinanced), dtype=object)))
    members = pd.DataFrame({
        "key": both["key"], "member": both["member_then"].fillna(both["member_now"]),
        "name": both["name_now"].fillna(both["name_then"]), "group": both["group_now"].fillna(both["group_then"]),
        "status": status, "overdue_then": then, "overdue_now": now,
        "bucket_then": both["bucket_then"].fillna(JOINED), "bucket_now": both["bucket_now"].fillna(LEFT)})
    members["refinanced"] = members["key"].isin(pooled) & members["status"].isin(FELL)
    members = members.sort_values(["overdue_then", "overdue_now", "key"],
                                  ascending=[False, False, True]).reset_index(drop=True)  # keys are unique
    return Comparison(as_of_old, as_of_new, members, buckets, compare_loans(old_loans, new_loans))


def statuses(then: np.ndarray, now: np.ndarray, was: np.ndarray, is_: np.ndarray) -> np.ndarray:
    """Each member's status from their overdue then and now (satang) and whether each ledger has them."""
    return np.select([~is_, ~was, (then > 0) & (now == 0), (then > 0) & (now < then), (then > 0) & (now == then),
                      then > 0, now > 0],
                     ["left", "joined", "cleared", "reduced", "unchanged", "grown", "new_arrears"], default="current")


def _side(members: pd.DataFrame) -> pd.DataFrame:
    """One row per key (two numbers written differently in one ledger add up; the older bucket wins)."""
    bucket = members["bucket"].astype("category")
    frame = pd.DataFrame({"key": member_key(members["member_no"]), "member": members["member_no"].astype(str),
                          "name": members["name"].astype(str), "group": members["group"].astype(str),
                          "overdue": satang(members["overdue"]), "rank": bucket.cat.codes.to_numpy()})
    frame = frame.groupby("key", sort=False).agg(member=("member", "first"), name=("name", "first"),
                                                 group=("group", "first"), overdue=("overdue", "sum"),
                                                 rank=("rank", "max")).reset_index()
    labels = np.asarray(bucket.cat.categories, dtype=object)
    return frame.assign(bucket=labels[frame.pop("rank").to_numpy()])


def _bucket_order(old: pd.Series, new: pd.Series) -> tuple[str, ...]:
    """The new ledger's buckets in order, then any the old one adds."""
    order = list(new.astype("category").cat.categories)
    return tuple(order + [b for b in old.astype("category").cat.categories if b not in order])


def compare_loans(old: pd.DataFrame | None, new: pd.DataFrame | None) -> dict | None:
    """Loans matched by contract number where both ledgers have one: matched, closed (only then), opened
    (only now)."""
    if old is None or new is None or "contract" not in old or "contract" not in new:
        return None
    then, now = (set(_contracts(x)) for x in (old, new))
    return {"matched": len(then & now), "closed": len(then - now), "opened": len(now - then)}


def _contracts(loans: pd.DataFrame) -> pd.Series:
    text = loans["contract"].dropna().astype(str).str.replace(_SPACES, "", regex=True)
    return text[text != ""]


def identity_holds(totals: dict[str, int]) -> bool:
    return (totals["overdue_then"] - totals["recovered"] - totals["refinanced"] - totals["left_overdue"]
            + totals["increase"]) == totals["overdue_now"]
