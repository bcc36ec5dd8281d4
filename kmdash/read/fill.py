"""Values that exports print once and leave blank below: a member's later loans, a group's rows."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .labels import subtotal_group

if TYPE_CHECKING:
    from .rows import Rows


NO_GROUP = "(ไม่ระบุกลุ่ม)"


def carry_member(texts: list[np.ndarray], cols: dict, member_key: np.ndarray, rows: np.ndarray,
                  barrier: np.ndarray, through: np.ndarray) -> np.ndarray:
    """Loan rows that leave member, name and group blank under the member's first loan take them
    from the loan row above: not across a subtotal or heading, but across a page's repeated header
    or carry rows. Returns the new no-member mask."""
    targets = [member_key] + [texts[cols[f]] for f in ("name", "group") if f in cols]
    for values in dict((id(v), v) for v in targets).values():
        carried = filled_down(np.where(through, None, values), barrier)
        todo = rows & (values == None)  # noqa: E711
        values[todo] = carried[todo]
    return member_key == None  # noqa: E711


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


def filled_down(values: np.ndarray, barrier: np.ndarray) -> np.ndarray:
    """Values filled down into the blanks below them, not past a barrier row (which becomes blank).
    Works on row numbers: each row takes the value of the last row at or above it that is filled
    or a barrier."""
    rows = np.arange(len(values))
    source = np.maximum.accumulate(np.where(barrier | ~pd.isna(values), rows, -1))
    out = values[np.maximum(source, 0)].astype(object)
    out[(source < 0) | barrier[np.maximum(source, 0)]] = None
    return out
