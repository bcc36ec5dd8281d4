"""T3's tool: every overdue member to exactly one person, the work balanced by amount or by count.

- By amount: members largest debt first, each to the person with the least assigned so far (greedy LPT,
  a heap: O(n log k)). Whoever ends highest took their last member while least loaded, so no person's
  total exceeds another's by more than the largest single debt.
- By count: round-robin in debt order, back and forth (1..k, k..1, ...): counts differ by at most one.
- Within groups: each member group goes whole to one person, largest group first to the least loaded.
  The bound is then weaker and honest: no person's total (or count) exceeds another's by more than the
  largest single group's total (or member count). One large group can outweigh all the others.

Money is summed in integer satang; ties go by member number (groups by name), then by the staff order.
"""

from __future__ import annotations

import heapq
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ...errors import LedgerError

BALANCES = ("amount", "count")
COLUMNS = ["member_no", "name", "group", "days", "overdue", "assignee"]


@dataclass(frozen=True)
class Assignment:
    assignments: pd.DataFrame  # one row per overdue member (COLUMNS), largest debt first
    loads: pd.DataFrame  # one row per person, in the order given: assignee, members, overdue
    balance: str
    within_group: bool


def staff_names(text: str) -> list[str]:
    """Names typed one per line or separated by commas; blank lines are not names."""
    return [name for line in text.splitlines() if line.strip() for name in line.split(",")]


def check_staff(staff: list[str]) -> list[str]:
    """The names stripped; an empty or repeated name (case and spacing aside) is a user error."""
    names = [" ".join(str(name).split()) for name in staff]
    if not names:
        raise LedgerError.of("assigned_no_staff")
    if "" in names:
        raise LedgerError.of("assigned_empty_name")
    seen: set[str] = set()
    for name in names:
        key = unicodedata.normalize("NFKC", name).casefold()
        if key in seen:
            raise LedgerError.of("assigned_name_repeated", name=name)
        seen.add(key)
    return names


def assign(members: pd.DataFrame, staff: list[str], balance: str = "amount",
           within_group: bool = False) -> Assignment:
    """Each overdue member (days > 0) of `members` to exactly one of `staff`, balanced as asked."""
    people = check_staff(staff)
    if balance not in BALANCES:
        raise ValueError(f"balance must be one of {BALANCES}")
    owing = _overdue(members)
    if within_group:
        person = _by_group(owing, len(people), balance)
    elif balance == "amount":
        person = _greedy(owing["satang"].to_numpy(), len(people))
    else:
        person = _round_robin(len(owing), len(people))
    table = owing.assign(assignee=np.asarray(people, dtype=object)[person])
    loads = _loads(person, owing["satang"].to_numpy(), people)
    return Assignment(table[COLUMNS].reset_index(drop=True), loads, balance, within_group)


def plan_columns(assignment: Assignment) -> pd.DataFrame:
    """The plan's column: each assigned member's person, indexed by member number."""
    return assignment.assignments.set_index("member_no")[["assignee"]]


def gap(assignment: Assignment) -> float:
    """The largest difference between two people in what was balanced (baht, or members)."""
    load = assignment.loads["overdue" if assignment.balance == "amount" else "members"]
    return float(load.max() - load.min())  # one row per person, and there is always someone


def bound(assignment: Assignment) -> float:
    """What `gap` never exceeds: the largest single debt (or one member), or with whole groups the
    largest group's total (or member count)."""
    table = assignment.assignments
    if table.empty:
        return 0.0
    if not assignment.within_group:
        return float(table["overdue"].max()) if assignment.balance == "amount" else 1.0
    groups = table.groupby("group")["overdue"]
    return float(groups.sum().max().round(2)) if assignment.balance == "amount" else float(groups.size().max())


def _overdue(members: pd.DataFrame) -> pd.DataFrame:
    """Overdue members with their debt in satang (and baht to the satang), largest first, then by member
    number."""
    owing = members.loc[members["days"] > 0, ["member_no", "name", "group", "days", "overdue"]]
    satang = np.rint(owing["overdue"].to_numpy(dtype=float) * 100).astype(np.int64)
    owing = owing.assign(member_no=owing["member_no"].astype(str), satang=satang, overdue=satang / 100)
    return owing.sort_values(["satang", "member_no"], ascending=[False, True])  # member numbers are unique


def _greedy(weights: np.ndarray, k: int) -> np.ndarray:
    """Per weight, in the order given: the person with the least so far (the first such in staff order)."""
    heap = [(0, i) for i in range(k)]
    out = np.empty(len(weights), dtype=np.int64)
    for n, weight in enumerate(weights.tolist()):
        load, i = heap[0]
        out[n] = i
        heapq.heapreplace(heap, (load + weight, i))
    return out


def _round_robin(n: int, k: int) -> np.ndarray:
    """0..k-1, then k-1..0, and so on: counts within one, and the large debts spread too."""
    position = np.arange(n)
    step, lap = position % k, (position // k) % 2
    return np.where(lap == 0, step, k - 1 - step)


def _by_group(owing: pd.DataFrame, k: int, balance: str) -> np.ndarray:
    """Whole groups, the heaviest first (then by name), each to the least loaded person."""
    codes, names = pd.factorize(owing["group"])  # every code has a member: bincount's length is len(names)
    total, size = _sums(codes, owing["satang"].to_numpy(), len(names)), np.bincount(codes)
    weight = total if balance == "amount" else size
    order = sorted(range(len(names)), key=lambda g: (-weight[g], -total[g], names[g]))
    person = np.empty(len(names), dtype=np.int64)
    person[order] = _greedy(weight[order], k)
    return person[codes]


def _loads(person: np.ndarray, satang: np.ndarray, people: list[str]) -> pd.DataFrame:
    """Members and overdue (baht, summed in satang) per person, in the staff order; zero for the idle."""
    return pd.DataFrame({"assignee": people, "members": np.bincount(person, minlength=len(people)),
                         "overdue": _sums(person, satang, len(people)) / 100})


def _sums(codes: np.ndarray, satang: np.ndarray, n: int) -> np.ndarray:
    """Satang summed per code, exactly (integers)."""
    out = np.zeros(n, dtype=np.int64)
    np.add.at(out, codes, satang)
    return out
