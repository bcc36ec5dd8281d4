"""T2's tool: a pack per member group for its leader (only that group's overdue members), the leaders'
meetings every 3 or 4 months from the day plans count from (`words.start_day`: today when the ledger is
older), and each leader's fee by one rule.

The fee is either X baht per debtor in the group, or a share S of the cash the group recovered between an
earlier ledger and this one (a follow-up's `recovered` per group: never what the pool refinanced). Only when
asked, the share is of the group's principal overdue on the as-of date instead (`on="arrears"`), which pays most
to the groups that owe most before anything is collected. Money is summed in satang.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from ...errors import LedgerError
from ...read.loans import NO_GROUP
from ...words import start_day

EVERY_MONTHS = (3, 4)
YEAR = 12  # meetings are planned a year ahead
GROUPS = ["group", "leader", "debtors", "overdue", "oldest_days", "recovered", "fee"]
FEE_BASES = ("recovered", "arrears")  # what a share is of: the cash recovered (default), or, when asked, the arrears
DEBTORS = ["member_no", "name", "group", "days", "overdue", "interest"]


@dataclass(frozen=True)
class Fee:
    """At most one rule: `per_debtor` baht per debtor, or `share` (0..1) of what `on` says (FEE_BASES): the cash
    the group recovered, or its principal overdue."""

    per_debtor: float | None = None
    share: float | None = None
    on: str = "recovered"

    def __post_init__(self):
        if self.per_debtor is not None and self.share is not None:
            raise LedgerError.of("leaders_fee_two_rules")
        if min(self.per_debtor or 0, self.share or 0) < 0:
            raise LedgerError.of("leaders_fee_negative")
        if (self.share or 0) > 1:
            raise LedgerError.of("leaders_fee_share_bad", share=self.share)
        if self.on not in FEE_BASES:
            raise LedgerError.of("leaders_fee_basis_bad", basis=self.on)

    @property
    def rule(self) -> str | None:
        return "per_debtor" if self.per_debtor is not None else "share" if self.share is not None else None

    @property
    def needs_recovered(self) -> bool:
        return self.rule == "share" and self.on == "recovered"

    def satang(self, debtors: np.ndarray, overdue_satang: np.ndarray, recovered_satang: np.ndarray) -> np.ndarray:
        """Each group's fee in satang from its debtors, its overdue and its cash recovered (satang); only with a
        rule."""
        if self.per_debtor is not None:
            return debtors * round(self.per_debtor * 100)
        base = recovered_satang if self.on == "recovered" else overdue_satang
        return np.rint(base * self.share).astype(np.int64)


@dataclass(frozen=True)
class Recovered:
    """The cash each group recovered between an earlier ledger and this one (a follow-up's, never refinanced)."""

    since: date  # the earlier ledger's as-of date
    by_group: Mapping[str, int]  # satang


@dataclass(frozen=True)
class Packs:
    groups: pd.DataFrame  # one row per group with debtors or cash recovered (GROUPS), largest overdue first;
    # recovered NaN without a follow-up, fee NaN without a rule
    debtors: pd.DataFrame  # its overdue members (DEBTORS), by group as above, largest debt first in each
    meetings: tuple[date, ...]
    every_months: int
    fee: Fee
    without_group: int  # overdue members of no named group: no leader, no pack
    recovered: Recovered | None = None

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
          leaders: dict[str, str] | None = None, today: date | None = None,
          recovered: Recovered | None = None) -> Packs:
    """The packs from analyse's member table: each named group's overdue members, its total and its fee; the
    meetings counted from `start_day(as_of, today)`. `recovered`: the cash each group recovered since an earlier
    ledger (satang, a follow-up's), which a share of the recovered needs; a group that recovered some and owes
    nothing now keeps its row (its leader earned the fee)."""
    if fee.needs_recovered and recovered is None:
        raise LedgerError.of("leaders_fee_needs_since")
    meetings = meeting_dates(start_day(as_of, today), every_months)
    owing = members[members["days"] > 0]
    grouped = owing["group"] != NO_GROUP
    debtors = _debtors(owing[grouped])
    gained = _recovered(recovered.by_group if recovered else {})
    groups = _groups(debtors, fee, _known(leader_names(leaders or {}), {*debtors["group"], *gained.index}), gained,
                     recovered is not None)
    order = pd.Categorical(debtors["group"], categories=groups["group"], ordered=True)
    debtors = debtors.assign(_order=order).sort_values(["_order", "satang", "member_no"],
                                                       ascending=[True, False, True], kind="stable")
    return Packs(groups, debtors[DEBTORS].reset_index(drop=True), meetings, every_months, fee,
                 int((~grouped).sum()), recovered)


def _recovered(by_group: Mapping[str, int]) -> pd.Series:
    """The named groups that recovered some cash (satang), by group."""
    gained = pd.Series(dict(by_group), dtype="int64")
    return gained[(gained > 0) & (gained.index != NO_GROUP)]


def plan_columns(packs: Packs) -> pd.DataFrame:
    """The plan's column: each debtor's group leader, where one was entered, indexed by member number."""
    leader = packs.debtors["group"].map(dict(zip(packs.groups["group"], packs.groups["leader"])))
    named = packs.debtors.assign(group_leader=leader)[leader != ""]
    return named.set_index("member_no")[["group_leader"]]


def _known(leaders: dict[str, str], groups) -> dict[str, str]:
    """The leaders, each of a group with debtors (or cash recovered): a leader of another group is a user error
    (a typo)."""
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


def _groups(debtors: pd.DataFrame, fee: Fee, leaders: dict[str, str], gained: pd.Series,
            followed: bool) -> pd.DataFrame:
    """Per group: debtors, overdue, oldest debt (days), cash recovered (NaN unless `followed` up), leader, fee;
    largest overdue first, then by name."""
    by = debtors.groupby("group", sort=True)
    table = pd.DataFrame({"debtors": by.size(), "satang": by["satang"].sum(), "oldest_days": by["days"].max()})
    table = table.reindex(table.index.union(gained.index), fill_value=0).rename_axis("group")
    table["gained"] = gained.reindex(table.index, fill_value=0)
    table = table.reset_index().sort_values(["satang", "group"], ascending=[False, True], kind="stable")
    fees = fee.satang(*(table[c].to_numpy() for c in ("debtors", "satang", "gained"))) / 100 if fee.rule else np.nan
    table = table.assign(leader=[leaders.get(g, "") for g in table["group"]], overdue=table["satang"] / 100,
                         recovered=table["gained"] / 100 if followed else np.nan, fee=fees)
    return table[GROUPS].reset_index(drop=True)
