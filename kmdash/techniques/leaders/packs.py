"""T2's tool: a pack per member group for its leader (only that group's overdue members), the leaders'
meetings every 3 or 4 months from the day plans count from (`words.start_day`: today when the ledger is
older), and each leader's fee by one rule.

The fee is either X baht per debtor in the group, or a share S of the group's principal overdue on the
as-of date (not of money recovered: that is known only at a later ledger). Money is summed in satang.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from ...errors import LedgerError
from ...read.loans import NO_GROUP
from ...words import start_day

EVERY_MONTHS = (3, 4)
YEAR = 12  # meetings are planned a year ahead
GROUPS = ["group", "leader", "debtors", "overdue", "oldest_days", "fee"]
DEBTORS = ["member_no", "name", "group", "days", "overdue", "interest"]


@dataclass(frozen=True)
class Fee:
    """At most one rule: `per_debtor` baht per debtor, or `share` (0..1) of the group's overdue."""

    per_debtor: float | None = None
    share: float | None = None

    def __post_init__(self):
        if self.per_debtor is not None and self.share is not None:
            raise LedgerError.of("leaders_fee_two_rules")
        if min(self.per_debtor or 0, self.share or 0) < 0:
            raise LedgerError.of("leaders_fee_negative")
        if (self.share or 0) > 1:
            raise LedgerError.of("leaders_fee_share_bad", share=self.share)

    @property
    def rule(self) -> str | None:
        return "per_debtor" if self.per_debtor is not None else "share" if self.share is not None else None

    def satang(self, debtors: np.ndarray, overdue_satang: np.ndarray) -> np.ndarray:
        """Each group's fee in satang from its debtors and its overdue (satang); only with a rule."""
        if self.per_debtor is not None:
            return debtors * round(self.per_debtor * 100)
        return np.rint(overdue_satang * self.share).astype(np.int64)


@dataclass(frozen=True)
class Packs:
    groups: pd.DataFrame  # one row per group with debtors (GROUPS), largest overdue first; fee NaN without a rule
    debtors: pd.DataFrame  # its overdue members (DEBTORS), by group as above, largest debt first in each
    meetings: tuple[date, ...]
    every_months: int
    fee: Fee
    without_group: int  # overdue members of no named group: no leader, no pack

    def of(self, group: str) -> pd.DataFrame:
        """One group's debtors: what its leader gets, and nothing of another group."""
        return self.debtors[self.debtors["group"] == group]


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month: 29 Feb in a leap year)."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def meeting_dates(start: date, every_months: int) -> tuple[date, ...]:
    """A year of meetings every `every_months` months, each counted from `start` (no drift)."""
    if every_months not in EVERY_MONTHS:
        raise LedgerError.of("leaders_every_bad", every=every_months)
    return tuple(add_months(start, k * every_months) for k in range(1, YEAR // every_months + 1))


def named_groups(members: pd.DataFrame) -> list[str]:
    """The ledger's named member groups in natural order ("กลุ่มที่ 2" before "กลุ่มที่ 10")."""
    return sorted(set(members["group"].astype(str)) - {NO_GROUP}, key=_natural)


def _natural(text: str) -> list[tuple]:
    """A sort key reading the runs of digits as numbers."""
    return [(0, int(part), "") if part.isdecimal() else (1, 0, part) for part in re.split(r"(\d+)", text)]


def leader_names(pairs: dict[str, str]) -> dict[str, str]:
    """Group -> leader as typed, spacing tidied; a blank name is no leader."""
    names = {str(g): " ".join(str(n).split()) for g, n in pairs.items() if isinstance(n, str)}
    return {g: n for g, n in names.items() if n}


def packs(members: pd.DataFrame, as_of: date, every_months: int = 3, fee: Fee = Fee(),
          leaders: dict[str, str] | None = None, today: date | None = None) -> Packs:
    """The packs from analyse's member table: each named group's overdue members, its total and its fee; the
    meetings counted from `start_day(as_of, today)`."""
    meetings = meeting_dates(start_day(as_of, today), every_months)
    owing = members[members["days"] > 0]
    grouped = owing["group"] != NO_GROUP
    debtors = _debtors(owing[grouped])
    groups = _groups(debtors, fee, _known(leader_names(leaders or {}), debtors["group"]))
    order = pd.Categorical(debtors["group"], categories=groups["group"], ordered=True)
    debtors = debtors.assign(_order=order).sort_values(["_order", "satang", "member_no"],
                                                       ascending=[True, False, True], kind="stable")
    return Packs(groups, debtors[DEBTORS].reset_index(drop=True), meetings, every_months, fee,
                 int((~grouped).sum()))


def plan_columns(packs: Packs) -> pd.DataFrame:
    """The plan's column: each debtor's group leader, where one was entered, indexed by member number."""
    leader = packs.debtors["group"].map(dict(zip(packs.groups["group"], packs.groups["leader"])))
    named = packs.debtors.assign(group_leader=leader)[leader != ""]
    return named.set_index("member_no")[["group_leader"]]


def _known(leaders: dict[str, str], groups: pd.Series) -> dict[str, str]:
    """The leaders, each of a group with debtors: a leader of another group is a user error (a typo)."""
    known = set(groups)
    unknown = sorted(set(leaders) - known)
    if unknown:
        raise LedgerError.of("leaders_group_unknown", group=unknown[0], listed=", ".join(sorted(known)))
    return leaders


def _debtors(owing: pd.DataFrame) -> pd.DataFrame:
    interest = owing["interest_arrears"] if "interest_arrears" in owing else pd.Series(0.0, index=owing.index)
    satang = np.rint(owing["overdue"].to_numpy(dtype=float) * 100).astype(np.int64)
    return pd.DataFrame({"member_no": owing["member_no"].astype(str), "name": owing["name"].astype(str),
                         "group": owing["group"].astype(str), "days": owing["days"].astype(int),
                         "overdue": satang / 100, "interest": interest.round(2), "satang": satang})


def _groups(debtors: pd.DataFrame, fee: Fee, leaders: dict[str, str]) -> pd.DataFrame:
    """Per group: debtors, overdue, oldest debt (days), leader, fee; largest overdue first, then by name."""
    by = debtors.groupby("group", sort=True)
    table = pd.DataFrame({"debtors": by.size(), "satang": by["satang"].sum(), "oldest_days": by["days"].max()})
    table = table.reset_index().sort_values(["satang", "group"], ascending=[False, True], kind="stable")
    fees = fee.satang(table["debtors"].to_numpy(), table["satang"].to_numpy()) / 100 if fee.rule else np.nan
    table = table.assign(leader=[leaders.get(g, "") for g in table["group"]], overdue=table["satang"] / 100, fee=fees)
    return table[GROUPS].reset_index(drop=True)
