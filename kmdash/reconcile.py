"""Used rows against the file's own grand total, per money column, to the satang."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .read.money import summed

SATANG = 0.005  # half a satang: differences below this are rounding


@dataclass
class Reconciliation:
    has_total: bool
    matches: bool | None  # None when the file has no grand total, or no amounts on it
    differences: dict[str, float] = field(default_factory=dict)  # used rows minus file total
    file_total: dict[str, float] = field(default_factory=dict)
    used_total: dict[str, float] = field(default_factory=dict)
    sheets: dict[str, Reconciliation] = field(default_factory=dict)  # each sheet's own, where several were read

    def as_dict(self) -> dict:
        own = {"has_total": self.has_total, "matches": self.matches, "differences": self.differences,
               "file_total": self.file_total, "used_total": self.used_total}
        return own | ({"sheets": {name: r.as_dict() for name, r in self.sheets.items()}} if self.sheets else {})


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


def reconcile_sheets(loans: pd.DataFrame, totals: dict[str, dict[str, float] | None]) -> Reconciliation:
    """Each sheet (loans' `sheet` column) against its own total; together, the sums and the worst verdict:
    a difference anywhere is a difference, a sheet without a total leaves the verdict open."""
    each = {name: reconcile(loans[loans["sheet"] == name], total) for name, total in totals.items()}
    verdicts = [r.matches for r in each.values()]
    matches = False if False in verdicts else (None if None in verdicts else True)
    return Reconciliation(has_total=any(r.has_total for r in each.values()), matches=matches,
                          differences=summed(r.differences for r in each.values()),
                          file_total=summed(r.file_total for r in each.values()),
                          used_total=summed(r.used_total for r in each.values()), sheets=each)

