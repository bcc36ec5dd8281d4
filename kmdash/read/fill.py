"""Values that exports print once and leave blank below: a member's later loans (a group's rows: `groups`)."""

from __future__ import annotations

import numpy as np
import pandas as pd


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


def filled_down(values: np.ndarray, barrier: np.ndarray) -> np.ndarray:
    """Values filled down into the blanks below them, not past a barrier row (which becomes blank).
    Works on row numbers: each row takes the value of the last row at or above it that is filled
    or a barrier."""
    rows = np.arange(len(values))
    source = np.maximum.accumulate(np.where(barrier | ~pd.isna(values), rows, -1))
    out = values[np.maximum(source, 0)].astype(object)
    out[(source < 0) | barrier[np.maximum(source, 0)]] = None
    return out
