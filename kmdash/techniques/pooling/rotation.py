"""T4's tool, the rotation: a pool of P baht clears the overdue members whose debts fit into it in one
cycle (they repay with it, re-borrow and hand it back); the next cycle takes the next members.

Money is integer satang here. Members cleared this way re-borrowed: the plan shows them as refinanced,
never as money recovered (`plan_columns`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ...analyse import Analysis
from ...errors import LedgerError
from . import packing

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


def debts(analysis: Analysis, group: str | None = None) -> pd.DataFrame:
    """The selected members (a group, or everyone overdue) with member, name, group, days, overdue
    (satang) and legal (under legal action, where the ledger has a status column)."""
    members = analysis.members
    if group is not None and group not in set(members["group"]):
        raise LedgerError.of("pooling_no_group", group=group, groups=", ".join(sorted(members["group"].unique())))
    chosen = members[(members["overdue"] > 0) & ((members["group"] == group) if group is not None else True)]
    out = pd.DataFrame({"member": chosen["member_no"].astype(str), "name": chosen["name"], "group": chosen["group"],
                        "days": chosen["days"].astype(int), "overdue": [satang(v) for v in chosen["overdue"]]})
    out["legal"] = chosen["legal"].to_numpy(dtype=bool) if "legal" in chosen else False
    return out.reset_index(drop=True)


def schedule(debts: pd.DataFrame, pool: int) -> Rotation:
    """The fewest cycles of a pool of `pool` satang clearing every debt that fits into it (exact up to
    packing.EXACT_LIMIT debts, first fit decreasing beyond); within a cycle, and cycle by cycle, the
    oldest debts first."""
    if pool <= 0:
        raise LedgerError.of("pooling_pool_not_positive")
    legal = debts["legal"] if "legal" in debts else pd.Series(False, index=debts.index)
    fits = debts[~legal & (debts["overdue"] <= pool)].sort_values(
        ["overdue", "days", "member"], ascending=[False, False, True], kind="stable")
    over = debts[~legal & (debts["overdue"] > pool)].sort_values(["overdue", "member"], ascending=[False, True])
    packed = packing.fewest_bins(fits["overdue"].tolist(), pool)
    rows = fits.reset_index(drop=True)
    cycles = sorted((_oldest_first(rows.iloc[b]) for b in packed.bins), key=lambda c: (-c["days"].max(), c["member"].iloc[0]))
    return Rotation(pool=pool, cycles=tuple(Cycle(n, tuple(c["member"]), int(c["overdue"].sum()))
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
    return packing.smallest_capacity(debts.loc[~legal, "overdue"].tolist(), k)


def members_table(rotation: Rotation, debts: pd.DataFrame) -> pd.DataFrame:
    """One row per cleared member, cycle by cycle: cycle, member_no, name, group, days, overdue and the
    cycle's total (baht)."""
    info = debts.set_index("member")
    rows = [{"cycle": c.number, "member_no": m, "name": info.at[m, "name"], "group": info.at[m, "group"],
             "days": int(info.at[m, "days"]), "overdue": info.at[m, "overdue"] / 100, "cycle_total": c.total / 100}
            for c in rotation.cycles for m in c.members]
    return pd.DataFrame(rows, columns=["cycle", "member_no", "name", "group", "days", "overdue", "cycle_total"])


def plan_columns(rotation: Rotation) -> pd.DataFrame:
    """The plan's hook: per member the rotation proposes (index member_no), the pool cycle. A proposal: only a
    recorded `pool_repaid` action makes a member refinanced."""
    numbers = [(m, c.number) for c in rotation.cycles for m in c.members]
    frame = pd.DataFrame(numbers, columns=["member_no", "pool_cycle"]).set_index("member_no")
    return frame.astype({"pool_cycle": int})

