"""Used rows against the file's own grand total, per money column, to the satang."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

SATANG = 0.005  # half a satang: differences below this are rounding


@dataclass
class Reconciliation:
    has_total: bool
    matches: bool | None  # None when the file has no grand total, or no amounts on it
    differences: dict[str, float] = field(default_factory=dict)  # used rows minus file total
    file_total: dict[str, float] = field(default_factory=dict)
    used_total: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"has_total": self.has_total, "matches": self.matches, "differences": self.differences,
                "file_total": self.file_total, "used_total": self.used_total}


def reconcile(loans: pd.DataFrame, grand_total: dict[str, float] | None) -> Reconciliation:
    """Compare the sum of used rows with the grand-total row, column by column."""
    if grand_total is None:
        return Reconciliation(has_total=False, matches=None)
    if not grand_total:  # a total row without amounts (e.g. =SUM() saved without its values)
        return Reconciliation(has_total=True, matches=None)
    used = {name: round(float(loans[name].sum()), 2) for name in grand_total if name in loans}
    diffs = {name: round(used[name] - grand_total[name], 2) for name in used}
    return Reconciliation(has_total=True, matches=all(abs(d) < SATANG for d in diffs.values()),
                          differences=diffs, file_total=dict(grand_total), used_total=used)
