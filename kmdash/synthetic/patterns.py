"""Ledgers with one clear debt pattern each, for the technique selector's tests and demonstrations.

Each pattern is canonical loans (one loan per member, the columns of `generate_loans`) and its as-of
date; `PATTERNS` names the technique each pattern calls for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

FAR_FROM_YEAR_END = date(2024, 9, 30)  # half a year from a 31 March fiscal year end
SIX_WEEKS_BEFORE = date(2024, 2, 18)  # 42 days before 31 March 2024


@dataclass(frozen=True)
class Pattern:
    members: int
    groups: int
    overdue_share: float  # of members
    days: tuple[int, int]  # days overdue drawn from this range ...
    long_share: float  # ... except this share of the overdue, drawn from 400-1500 days
    debt: tuple[int, int]  # principal overdue, baht
    as_of: date
    overdue_groups: int | None = None  # overdue members only in the first n groups
    technique: int = 0  # what the handbook calls for


PATTERNS = {
    "long_overdue_mass": Pattern(300, 10, 0.8, (30, 300), 0.85, (20_000, 150_000), FAR_FROM_YEAR_END, technique=1),
    "spread_over_groups": Pattern(300, 20, 0.4, (1, 700), 0.0, (10_000, 300_000), FAR_FROM_YEAR_END, technique=2),
    "few_large_near_year_end": Pattern(400, 12, 0.04, (30, 200), 0.0, (200_000, 900_000), SIX_WEEKS_BEFORE,
                                       overdue_groups=3, technique=3),
    "one_group_small_debts": Pattern(200, 8, 0.06, (30, 200), 0.0, (3_000, 15_000), FAR_FROM_YEAR_END,
                                     overdue_groups=1, technique=4),
    "new_arrears_wave": Pattern(300, 10, 0.45, (1, 90), 0.05, (10_000, 100_000), FAR_FROM_YEAR_END, technique=5),
}


def pattern_loans(name: str, seed: int = 0) -> tuple[pd.DataFrame, date]:
    """The canonical loans of one pattern, and its as-of date."""
    p = PATTERNS[name]
    rng = np.random.default_rng(seed)
    n = p.members
    group = np.arange(n) % p.groups
    eligible = group < (p.overdue_groups or p.groups)
    overdue = np.zeros(n, dtype=bool)
    chosen = rng.choice(np.flatnonzero(eligible), size=round(n * p.overdue_share), replace=False)
    overdue[chosen] = True
    days = rng.integers(p.days[0], p.days[1] + 1, n)
    long = overdue & (rng.random(n) < p.long_share)
    days[long] = rng.integers(400, 1501, long.sum())
    due = [p.as_of - timedelta(days=int(d)) if o else p.as_of + timedelta(days=int(d)) for d, o in zip(days, overdue)]
    debt = np.round(rng.uniform(*p.debt, n), 2)
    principal = np.where(overdue, debt, 0.0)
    outstanding = np.round(principal + rng.uniform(0, 50_000, n), 2)
    numbers = [f"{i + 1:05d}" for i in range(n)]
    return pd.DataFrame({
        "member_no": numbers,
        "name": [f"นาย สมาชิก{i + 1} ทดสอบ" for i in range(n)],
        "group": [f"กลุ่มที่ {g + 1}" for g in group],
        "contract": [f"สป.{i + 1:05d}" for i in range(n)],
        "loan_type": "ระยะปานกลาง",
        "loan_date": pd.to_datetime([d - timedelta(days=730) for d in due]),
        "due_date": pd.to_datetime(due),
        "amount_lent": np.round(outstanding * 1.5, 0),
        "outstanding": outstanding,
        "principal_overdue": principal,
        "interest_arrears": np.round(principal * 0.06, 2),
        "penalty": 0.0,
        "share_capital": np.round(rng.uniform(1_000, 30_000, n), 0),
        "deposits": 0.0,
        "guarantor": "",
    }), p.as_of
