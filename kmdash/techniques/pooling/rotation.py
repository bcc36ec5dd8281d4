"""T4's tool, the rotation: a pool of P baht clears the overdue members whose debts fit into it in one
cycle (they repay with it, re-borrow and hand it back); the next cycle takes the next members.

What a member must pay out of the pool is their `basis` (BASES): `arrears`, the principal overdue with the
interest in arrears and the penalty where the ledger has those columns (the default); `principal`, the
principal overdue alone; `outstanding`, the loan repaid in full (outstanding principal, interest in arrears,
penalty: the handbook's "ชำระหนี้หมด").

Money is integer satang here, each part rounded to the satang before it is added. Members cleared this way
re-borrowed: the plan shows them as refinanced, never as money recovered (`plan_columns`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ...analyse import Analysis
from ...errors import LedgerError
from ...read.loans import NO_GROUP
from . import packing

BASES = ("arrears", "principal", "outstanding")
# per basis, the member table's columns added up (principal overdue is the table's "overdue")
PARTS = {"arrears": ("overdue", "interest_arrears", "penalty"), "principal": ("overdue",),
         "outstanding": ("outstanding", "interest_arrears", "penalty")}

@dataclass(frozen=True)
class Cycle:
    number: int
    members: tuple[str, ...]  # oldest debt first
    total: int  # satang


@dataclass(frozen=True)
class Rotation:
    pool: int  # satang
    cycles: tuple[Cycle, ...]
    lower_bound: int  # no schedule needs fewer cycles
    over_pool: tuple[str, ...]  # a debt alone above the pool: another technique
    legal: tuple[str, ...]  # under legal action: left out
    exact: bool  # the fewest cycles, proven

    @property
    def gap(self) -> int:
        """Cycles above the lower bound (0 when the bound is met)."""
        return len(self.cycles) - self.lower_bound

    @property
    def cleared(self) -> tuple[str, ...]:
        return tuple(m for c in self.cycles for m in c.members)


def satang(baht: float) -> int:
    return round(float(baht) * 100)


def groups_overdue(analysis: Analysis) -> list[str]:
    members = analysis.members
    return sorted(members.loc[members["overdue"] > 0, "group"].unique())


def parts(analysis: Analysis, basis: str) -> tuple[str, ...]:
    """The member table's columns the basis adds up on this ledger (those it has); `outstanding` needs its
    column, an unknown basis is refused."""
    if basis not in BASES:
        raise LedgerError.of("pooling_basis_bad", basis=basis, bases=", ".join(BASES))
    if basis == "outstanding" and "outstanding" not in analysis.loans:
        raise LedgerError.of("pooling_no_outstanding")
    return tuple(c for c in PARTS[basis] if c in analysis.members)


def debts(analysis: Analysis, group: str | None = None, basis: str = "arrears") -> pd.DataFrame:
    """The selected members (a group, or everyone overdue) with member, name, group, days, overdue, interest,
    penalty and owed (what the basis makes them pay out of the pool), all in satang, and legal (under legal
    action, where the ledger has a status column)."""
    members = analysis.members
    if group is not None and group not in set(members["group"]):
        raise LedgerError.of("pooling_no_group", group=group, groups=", ".join(sorted(members["group"].unique())))
    chosen = members[(members["overdue"] > 0) & ((members["group"] == group) if group is not None else True)]
    amounts = {c: _satang_column(chosen, c) for c in ("overdue", "interest_arrears", "penalty", "outstanding")}
    out = pd.DataFrame({"member": chosen["member_no"].astype(str), "name": chosen["name"], "group": chosen["group"],
                        "days": chosen["days"].astype(int), "overdue": amounts["overdue"],
                        "interest": amounts["interest_arrears"], "penalty": amounts["penalty"],
                        "owed": sum((amounts[c] for c in parts(analysis, basis)), np.zeros(len(chosen), np.int64))})
    out["legal"] = chosen["legal"].to_numpy(dtype=bool) if "legal" in chosen else False
    return out.reset_index(drop=True)


def _satang_column(members: pd.DataFrame, column: str) -> np.ndarray:
    """A money column in satang per member, 0 where the ledger has no such column or no amount."""
    values = members[column].fillna(0.0) if column in members else [0] * len(members)
    return np.array([satang(v) for v in values], dtype=np.int64)


def busiest_group(members: pd.DataFrame, fits: pd.Series) -> str | None:
    """The named group with the most debtors who `fits` (technique 4's `applies`: debts small enough to pool),
    else the named group with the most debtors; None when no debtor is in a named group."""
    owing = members[(members["overdue"] > 0) & (members["group"] != NO_GROUP)]
    if owing.empty:
        return None
    counts = pd.DataFrame({"fits": fits[owing.index].astype(int), "debtors": 1, "group": owing["group"]})
    per_group = counts.groupby("group").sum().reset_index()
    best = per_group.sort_values(["fits", "debtors", "group"], ascending=[False, False, True])  # groups: unique
    return str(best["group"].iloc[0])


def schedule(debts: pd.DataFrame, pool: int) -> Rotation:
    """The fewest cycles of a pool of `pool` satang clearing every debt that fits into it (exact up to
    packing.EXACT_LIMIT debts, first fit decreasing beyond); within a cycle, and cycle by cycle, the
    oldest debts first."""
    if pool <= 0:
        raise LedgerError.of("pooling_pool_not_positive")
    legal = debts["legal"] if "legal" in debts else pd.Series(False, index=debts.index)
    fits = debts[~legal & (debts["owed"] <= pool)].sort_values(
        ["owed", "days", "member"], ascending=[False, False, True], kind="stable")
    over = debts[~legal & (debts["owed"] > pool)].sort_values(["owed", "member"], ascending=[False, True])
    packed = packing.fewest_bins(fits["owed"].tolist(), pool)
    rows = fits.reset_index(drop=True)
    cycles = sorted((_oldest_first(rows.iloc[b]) for b in packed.bins), key=lambda c: (-c["days"].max(), c["member"].iloc[0]))
    return Rotation(pool=pool, cycles=tuple(Cycle(n, tuple(c["member"]), int(c["owed"].sum()))
                                            for n, c in enumerate(cycles, start=1)),
                    lower_bound=packed.lower_bound, over_pool=tuple(over["member"]),
                    legal=tuple(debts.loc[legal, "member"]), exact=packed.exact)


def _oldest_first(cycle: pd.DataFrame) -> pd.DataFrame:
    return cycle.sort_values(["days", "member"], ascending=[False, True], kind="stable")


def pool_for_cycles(debts: pd.DataFrame, k: int) -> tuple[int, bool]:
    """(the smallest pool in satang that clears every selected member, legal action aside, in k cycles;
    proven smallest)."""
    if k < 1:
        raise LedgerError.of("pooling_cycles_not_positive")
    legal = debts["legal"] if "legal" in debts else pd.Series(False, index=debts.index)
    return packing.smallest_capacity(debts.loc[~legal, "owed"].tolist(), k)


def members_table(rotation: Rotation, debts: pd.DataFrame) -> pd.DataFrame:
    """One row per cleared member, cycle by cycle (cycles as numbers: 2 before 10): cycle, member_no, name,
    group, days, overdue, interest, penalty, to_pay (what the basis makes them pay) and the cycle's total
    (baht)."""
    info = debts.set_index("member")
    rows = [{"cycle": c.number, "member_no": m, "name": info.at[m, "name"], "group": info.at[m, "group"],
             "days": int(info.at[m, "days"]), **{k: info.at[m, k] / 100 for k in ("overdue", "interest", "penalty")},
             "to_pay": info.at[m, "owed"] / 100, "cycle_total": c.total / 100}
            for c in rotation.cycles for m in c.members]
    return pd.DataFrame(rows, columns=TABLE).astype({"cycle": int})


TABLE = ["cycle", "member_no", "name", "group", "days", "overdue", "interest", "penalty", "to_pay", "cycle_total"]


def plan_columns(rotation: Rotation) -> pd.DataFrame:
    """The plan's hook: per member the rotation proposes (index member_no), the pool cycle. A proposal: only a
    recorded `pool_repaid` action makes a member refinanced."""
    numbers = [(m, c.number) for c in rotation.cycles for m in c.members]
    frame = pd.DataFrame(numbers, columns=["member_no", "pool_cycle"]).set_index("member_no")
    return frame.astype({"pool_cycle": int})

