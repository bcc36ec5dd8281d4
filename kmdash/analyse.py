"""Loans + as-of date + settings -> overdue flags, aging buckets, group and member tables, PAR.

A loan is overdue when its due date is before the as-of date and its principal overdue (principal
outstanding where the ledger has no overdue column) is above zero. A member's days overdue are the
most of their loans; a member's bucket is that of their oldest overdue loan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from .read.status import STATUS_CODES, legal, status_codes
from .settings import Settings

PAR_DAYS = (30, 90)  # PAR30 and PAR90: the field's fixed measures


@dataclass
class Analysis:
    loans: pd.DataFrame  # + overdue, overdue_amount, days_overdue, bucket
    members: pd.DataFrame  # one row per member, largest overdue first
    groups: pd.DataFrame  # one row per group, largest overdue first
    aging: pd.DataFrame  # one row per bucket, in order
    as_of: date
    settings: Settings

    @property
    def headline(self) -> dict:
        loans, members = self.loans, self.members
        outstanding = float(loans["outstanding"].sum()) if "outstanding" in loans else None
        return {
            "loans": len(loans),
            "loans_overdue": int(loans["overdue"].sum()),
            "members": len(members),
            "members_overdue": int((members["days"] > 0).sum()),
            "members_overdue_over_365": int((members["days"] > 365).sum()),
            "members_long_overdue": int((members["days"] > self.settings.long_overdue_days).sum()),
            "groups": len(self.groups),
            "groups_overdue": int((self.groups["members_overdue"] > 0).sum()),
            "outstanding": _baht(outstanding),
            "overdue": _baht(loans["overdue_amount"].sum()),
            "interest_arrears": _baht(loans["interest_arrears"].sum()) if "interest_arrears" in loans else 0.0,
            **{f"par{d}": self.par(d) for d in PAR_DAYS},
        }

    @property
    def by_status(self) -> pd.DataFrame:
        """Per debt status present, in code order: loans, members (a member in each status of their loans) and
        the overdue; empty where the ledger has no status column."""
        if "status" not in self.loans:
            return pd.DataFrame(columns=["status", "loans", "members", "overdue"])
        loans = self.loans.assign(status=status_codes(self.loans["status"]))
        table = loans.groupby("status").agg(loans=("member_no", "size"), members=("member_no", "nunique"),
                                            overdue=("overdue_amount", "sum"))
        return table.reindex([c for c in STATUS_CODES if c in table.index]).rename_axis("status").reset_index()

    def at_risk(self, days: int) -> float | None:
        """Outstanding of loans more than `days` overdue (PAR's numerator); None without an outstanding column."""
        return None if "outstanding" not in self.loans else _baht(self._outstanding_over(days))

    def par(self, days: int) -> float | None:
        """Portfolio at risk: outstanding of loans more than `days` overdue / all outstanding."""
        if "outstanding" not in self.loans:
            return None
        total = self.loans["outstanding"].sum()
        return float(self._outstanding_over(days) / total) if total > 0 else 0.0

    def _outstanding_over(self, days: int) -> float:
        return self.loans.loc[self.loans["days_overdue"] > days, "outstanding"].sum()


def _baht(value) -> float | None:
    return None if value is None else round(float(value) + 0.0, 2)


def analyse(loans: pd.DataFrame, as_of: date, settings: Settings = Settings()) -> Analysis:
    """All figures of one ledger on one as-of date."""
    enriched = mark_overdue(loans, as_of, settings)
    members = member_table(enriched, settings)
    return Analysis(loans=enriched, members=members, groups=group_table(enriched, members),
                    aging=aging_table(enriched, members, settings), as_of=as_of, settings=settings)


def mark_overdue(loans: pd.DataFrame, as_of: date, settings: Settings) -> pd.DataFrame:
    """Add overdue (bool), overdue_amount, days_overdue and bucket to each loan."""
    out = loans.copy()
    basis = out["principal_overdue"] if "principal_overdue" in out else out["outstanding"]
    as_of_ts = pd.Timestamp(as_of)
    days = (as_of_ts - out["due_date"]).dt.days
    overdue = (days > 0) & (basis > 0)
    out["overdue"] = overdue.fillna(False).astype(bool)
    out["overdue_amount"] = basis.where(out["overdue"], 0.0)
    out["days_overdue"] = days.where(out["overdue"], 0).fillna(0).astype(int)
    out["bucket"] = bucket_of(out, as_of, settings)
    return out


def bucket_of(loans: pd.DataFrame, as_of: date, settings: Settings) -> pd.Categorical:
    """Aging bucket per loan: by days overdue, or by full calendar months in the months preset."""
    labels = settings.bucket_labels
    if settings.bucket_unit == "months":
        age = months_overdue(loans["due_date"], as_of)
    else:
        age = loans["days_overdue"]
    edges = np.array(settings.bucket_edges)
    index = np.searchsorted(edges, age.to_numpy(), side="left") + 1
    index = np.where(loans["overdue"].to_numpy(), index, 0)
    return pd.Categorical.from_codes(index, categories=labels, ordered=True)


def months_overdue(due: pd.Series, as_of: date) -> pd.Series:
    """Months from due date to as-of, counting a started month: 1 day late is within month 1."""
    whole = (as_of.year - due.dt.year) * 12 + (as_of.month - due.dt.month)
    started = (as_of.day > due.dt.day).astype(int)
    return (whole + started).fillna(0).clip(lower=0).astype(int)


def member_table(loans: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """One row per member: loans, loans overdue, days (most of their loans), overdue, outstanding (and interest,
    penalty, share capital where the ledger has them; `legal`, a loan under legal action, where it has a status)."""
    money = {c: (c, "sum") for c in ("outstanding", "interest_arrears", "penalty", "share_capital") if c in loans}
    money |= {"legal": ("legal", "max")} if "status" in loans else {}
    loans = loans.assign(bucket_code=loans["bucket"].cat.codes, legal=legal(loans))
    table = loans.groupby("member_no", sort=False).agg(
        name=("name", "first") if "name" in loans else ("member_no", "first"),
        group=("group", "first"),
        loans=("member_no", "size"),
        loans_overdue=("overdue", "sum"),
        days=("days_overdue", "max"),
        overdue=("overdue_amount", "sum"),
        bucket_code=("bucket_code", "max"),
        **money,
    ).reset_index()
    table["bucket"] = pd.Categorical.from_codes(table.pop("bucket_code"), categories=settings.bucket_labels,
                                                ordered=True)
    table["long_overdue"] = table["days"] > settings.long_overdue_days
    return table.sort_values(["overdue", "days"], ascending=False, kind="stable").reset_index(drop=True)


def group_table(loans: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """One row per group: members, members overdue, overdue amount and its share of all overdue."""
    per_group = members.assign(is_overdue=members["days"] > 0).groupby("group", sort=False).agg(
        members=("member_no", "size"),
        members_overdue=("is_overdue", "sum"),
        members_long_overdue=("long_overdue", "sum"),
    )
    money = loans.groupby("group", sort=False).agg(
        loans=("member_no", "size"), overdue=("overdue_amount", "sum"),
        **({"outstanding": ("outstanding", "sum")} if "outstanding" in loans else {}))
    table = per_group.join(money).reset_index()
    total = table["overdue"].sum()
    table["share"] = (table["overdue"] / total).fillna(0.0) if total > 0 else 0.0
    return table.sort_values(["overdue", "members_overdue"], ascending=False, kind="stable").reset_index(drop=True)


def aging_table(loans: pd.DataFrame, members: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Per bucket: loans in it, members whose oldest overdue loan is in it, and the overdue amount."""
    labels = settings.bucket_labels
    by_loan = loans.groupby("bucket", observed=False).agg(
        loans=("member_no", "size"), overdue=("overdue_amount", "sum"))
    by_member = members.groupby("bucket", observed=False).size().rename("members")
    table = by_loan.join(by_member).reindex(labels).fillna(0)
    table[["loans", "members"]] = table[["loans", "members"]].astype(int)
    return table.rename_axis("bucket").reset_index()


def pareto_count(members: pd.DataFrame, share: float = 0.8) -> int:
    """How many members (largest overdue first) together hold `share` of all overdue."""
    overdue = members.loc[members["overdue"] > 0, "overdue"].sort_values(ascending=False)
    if overdue.empty:
        return 0
    cumulative = overdue.cumsum() / overdue.sum()
    return int(np.searchsorted(cumulative.to_numpy(), share - 1e-12) + 1)
