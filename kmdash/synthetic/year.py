"""A co-op's year of monthly ledgers with known changes (the pairs' changes, month after month), and what its
history must show: per month the figures, per pair of months each member's status, the chronic debtors.

Each month a share of the members overdue are cleared, reduced, grown or leave, a share of the others fall into
new arrears or leave, and new members join (`pairs`' rules); so some members stay overdue month after month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from .loans import generate_loans, satang
from .pairs import CHANGES_CURRENT, CHANGES_OVERDUE, _draw, _later, _member_overdue, _newcomers

MONTH_ENDS = 30  # days from one month's ledger to the next


@dataclass
class Year:
    ledgers: list[pd.DataFrame]  # canonical loans, one frame per month
    dates: list[date]
    statuses: list[pd.DataFrame]  # per pair of months: member_no, status, overdue_then, overdue_now (satang)

    def figures(self, month: int) -> dict:
        """The month's figures by the brief's rules (money in satang)."""
        loans, as_of = self.ledgers[month], self.dates[month]
        overdue = _member_overdue(loans, as_of)
        late = (loans["due_date"] < pd.Timestamp(as_of)) & (loans["principal_overdue"] > 0)
        days = (pd.Timestamp(as_of) - loans["due_date"]).dt.days.where(late, 0)
        outstanding = satang(loans["outstanding"])
        return {"members": int(loans["member_no"].nunique()), "members_overdue": int((overdue > 0).sum()),
                "overdue": int(overdue.sum()), "outstanding": int(outstanding.sum()),
                "at_risk30": int(outstanding[(days > 30).to_numpy()].sum()),
                "at_risk90": int(outstanding[(days > 90).to_numpy()].sum())}

    def overdue_members(self, month: int) -> set[str]:
        overdue = _member_overdue(self.ledgers[month], self.dates[month])
        return set(overdue.index[overdue > 0])

    def chronic(self, periods: int) -> dict[str, date]:
        """Member number -> the first month of their run, for those overdue in each of the last `periods`
        months."""
        last = len(self.ledgers) - 1
        found = {}
        for member in self.overdue_members(last):
            start = last
            while start > 0 and member in self.overdue_members(start - 1):
                start -= 1
            if last - start + 1 >= periods:
                found[member] = self.dates[start]
        return found


def ledger_year(n_loans: int, seed: int = 0, months: int = 12, first: date = date(2024, 3, 31),
                share: float = 0.08, joined: int = 4) -> Year:
    rng = np.random.default_rng(seed)
    loans = generate_loans(n_loans, seed, first)
    ledgers, dates, statuses = [loans], [first], []
    for month in range(1, months):
        old, as_of = ledgers[-1], dates[-1]
        then = _member_overdue(old, as_of)
        status = pd.Series(np.where(then > 0, "unchanged", "current"), index=then.index, dtype=object)
        _draw(rng, status, "unchanged", CHANGES_OVERDUE, share)
        _draw(rng, status, "current", CHANGES_CURRENT, share)
        later = as_of + timedelta(days=MONTH_ENDS)
        newcomers = _newcomers(n_loans, seed + month, later, joined, old["member_no"])
        newcomers["contract"] = newcomers["contract"].str.replace("ใหม่-", f"ใหม่{month}-", regex=False)
        new = pd.concat([_later(rng, old, status, as_of, MONTH_ENDS), newcomers], ignore_index=True)
        now = _member_overdue(new, later)
        status = pd.concat([status, pd.Series("joined", index=newcomers["member_no"].unique(), dtype=object)])
        statuses.append(pd.DataFrame({"member_no": status.index, "status": status.to_numpy(),
                                      "overdue_then": then.reindex(status.index, fill_value=0).to_numpy(),
                                      "overdue_now": now.reindex(status.index, fill_value=0).to_numpy()}))
        ledgers.append(new)
        dates.append(later)
    return Year(ledgers, dates, statuses)
