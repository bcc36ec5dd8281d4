"""The brief's figures from canonical loans, in plain Python: the one oracle the tests check kmdash against.

It never calls kmdash. A loan is a mapping with member_no, name, group, due_date (a date, or None when
the ledger left it blank), outstanding, principal_overdue and interest_arrears (baht); money is summed in
integer satang.

- A loan is overdue when its due date is before the as-of date and its basis (principal overdue, or
  outstanding when the ledger has no overdue column) is above zero; its days = as_of - due.
- A member's days are the most of their loans; a member is counted in the bucket of their oldest
  overdue loan, and in not_due when nothing of theirs is overdue.
- Buckets: 1-30, 31-90, 91-180, 181-365, 366-730, 731-1095, >1095 days.
- members_overdue_over_365 is always over 365 days; members_long_overdue is over `long_days`.
- PARn = outstanding of loans more than n days overdue / all outstanding (0 when nothing is outstanding).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from fractions import Fraction

import pandas as pd

EDGES = (30, 90, 180, 365, 730, 1095)  # upper bounds (inclusive) of the buckets, in days overdue
NOT_DUE = "not_due"


def bucket_labels(edges: tuple[int, ...] = EDGES) -> list[str]:
    """not_due, "1-30", "31-90", ... ">1095"."""
    lows = [1] + [e + 1 for e in edges[:-1]]
    return [NOT_DUE] + [f"{lo}-{hi}" for lo, hi in zip(lows, edges)] + [f">{edges[-1]}"]


BUCKETS = tuple(bucket_labels())


def bucket_of_days(days: int, edges: tuple[int, ...] = EDGES) -> str:
    if days <= 0:
        return NOT_DUE
    labels = bucket_labels(edges)
    for upper, label in zip(edges, labels[1:]):
        if days <= upper:
            return label
    return labels[-1]


def satang(value) -> int:
    return round(float(value) * 100)


def _day(value) -> date | None:
    """A due date as a date: None, NaT and NaN (a blank cell) are no date."""
    if value is None or pd.isna(value):
        return None
    if isinstance(value, datetime) or hasattr(value, "to_pydatetime"):
        return value.date()
    return value


def figures(loans: Iterable[Mapping], as_of: date, basis: str = "principal_overdue", long_days: int = 365,
            top: int = 20, edges: tuple[int, ...] = EDGES) -> dict:
    """Every figure of `summary --json` for these loans on this as-of date (money in baht, from satang)."""
    per_loan = []
    for loan in loans:
        due = _day(loan["due_date"])
        overdue = due is not None and due < as_of and loan[basis] > 0
        per_loan.append({
            "member": loan["member_no"], "name": loan["name"], "group": loan["group"],
            "days": (as_of - due).days if overdue else 0,
            "overdue": satang(loan[basis]) if overdue else 0,
            "outstanding": satang(loan["outstanding"]),
            "interest": satang(loan["interest_arrears"]),
            "penalty": satang(loan.get("penalty", 0.0)),
        })

    members: dict = {}
    for x in per_loan:
        m = members.setdefault(x["member"], {"member": x["member"], "name": x["name"], "group": x["group"],
                                             "days": 0, "overdue": 0, "loans": 0, "loans_overdue": 0,
                                             "outstanding": 0, "interest": 0, "penalty": 0})
        m["days"] = max(m["days"], x["days"])
        m["loans"] += 1
        m["loans_overdue"] += x["days"] > 0
        for money in ("overdue", "outstanding", "interest", "penalty"):
            m[money] += x[money]

    outstanding = sum(x["outstanding"] for x in per_loan)
    overdue = sum(x["overdue"] for x in per_loan)

    def par(days: int) -> float:
        at_risk = sum(x["outstanding"] for x in per_loan if x["days"] > days)
        return at_risk / outstanding if outstanding > 0 else 0.0

    aging = []
    for label in bucket_labels(edges):
        in_bucket = [x for x in per_loan if bucket_of_days(x["days"], edges) == label]
        aging.append({"bucket": label, "loans": len(in_bucket),
                      "members": sum(bucket_of_days(m["days"], edges) == label for m in members.values()),
                      "overdue": sum(x["overdue"] for x in in_bucket) / 100})

    groups: dict = {}

    def group(name: str) -> dict:
        return groups.setdefault(name, {"group": name, "members": 0, "members_overdue": 0, "members_long_overdue": 0,
                                        "loans": 0, "overdue": 0, "outstanding": 0})

    for m in members.values():  # a member belongs to the group of their first loan
        g = group(m["group"])
        g["members"] += 1
        g["members_overdue"] += m["days"] > 0
        g["members_long_overdue"] += m["days"] > long_days
    for x in per_loan:  # money and loans by the loan's own group
        g = group(x["group"])
        g["loans"] += 1
        g["overdue"] += x["overdue"]
        g["outstanding"] += x["outstanding"]
    by_group = sorted(groups.values(), key=lambda g: (-g["overdue"], -g["members_overdue"]))
    by_group = [{**g, "share": g["overdue"] / overdue if overdue else 0.0, "overdue": g["overdue"] / 100,
                 "outstanding": g["outstanding"] / 100} for g in by_group]

    in_baht = [{**m, **{k: m[k] / 100 for k in ("overdue", "outstanding", "interest", "penalty")},
                "bucket": bucket_of_days(m["days"], edges), "long_overdue": m["days"] > long_days}
               for m in members.values()]
    by_member = sorted(in_baht, key=lambda m: (-m["overdue"], -m["days"]))  # largest overdue first
    return {
        "loans": len(per_loan),
        "loans_overdue": sum(x["days"] > 0 for x in per_loan),
        "members": len(members),
        "members_overdue": sum(m["days"] > 0 for m in members.values()),
        "members_overdue_over_365": sum(m["days"] > 365 for m in members.values()),
        "members_long_overdue": sum(m["days"] > long_days for m in members.values()),
        "groups": len(groups),
        "groups_overdue": sum(g["members_overdue"] > 0 for g in groups.values()),
        "outstanding": outstanding / 100,
        "overdue": overdue / 100,
        "interest_arrears": sum(x["interest"] for x in per_loan) / 100,
        "par30": par(30),
        "par90": par(90),
        "aging": aging,
        "by_group": by_group,
        "top_members": [m for m in by_member if m["overdue"] > 0][:top],
        "by_member": by_member,
        "per_loan": [{**x, "overdue": x["overdue"] / 100, "bucket": bucket_of_days(x["days"], edges)}
                     for x in per_loan],
    }


def pareto_count(overdue_by_member: Iterable[float], share: float = 0.8) -> int:
    """The fewest members (largest overdue first) whose overdue together reaches `share` of all overdue."""
    amounts = sorted((satang(a) for a in overdue_by_member if satang(a) > 0), reverse=True)
    total, running, share = sum(amounts), 0, Fraction(str(share))
    for count, amount in enumerate(amounts, start=1):
        running += amount
        if running >= share * total:
            return count
    return 0
