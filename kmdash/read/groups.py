"""Each row's member group, as exports show it: a group column printed once, a "กลุ่ม…" heading above the
loans, a "รวม …" subtotal below them, or a lone heading; `NO_GROUP` where none says."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .fill import filled_down
from .labels import subtotal_group
from .loans import NO_GROUP
from .rows import Rows


def group_column(group: np.ndarray | None, rows: Rows, used: np.ndarray) -> np.ndarray:
    """Each row's group: the group column (a blank carried down from the loan above, as report writers
    print a group once); else the "กลุ่ม…" heading above, the "รวม …" subtotal below, or a lone heading.
    The next way is tried only while a `used` row (a loan) has no group yet."""
    totals = rows.subtotal | rows.grand
    result = (filled_down(group, totals | rows.heading | rows.lone_heading) if group is not None
              else np.full(len(totals), None, dtype=object))
    for fallback in (
        lambda: filled_down(np.where(rows.heading, rows.label, None), totals),
        lambda: pd.Series([subtotal_group(t) if s else None for t, s in zip(rows.label, rows.subtotal)],
                          dtype=object).bfill().to_numpy(),
        lambda: filled_down(np.where(rows.lone_heading, rows.label, None), totals),
    ):
        missing = pd.isna(result)
        if not (missing & used).any():
            break
        result = np.where(missing, fallback(), result)
    return np.where(pd.isna(result), NO_GROUP, result)
