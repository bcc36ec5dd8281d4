"""Guarantors in time: since the 2557 (2014) amendment, Civil and Commercial Code s.686 has the creditor notify
each guarantor in writing within 60 days of the debtor's default; a guarantor notified later is released from
the interest, damages and charges that accrue after those 60 days.

The days, as kmdash counts them (the law's wording, not a setting):
- default_date = the day after the loan's due date (unpaid on its due date, the debtor is in default the next day);
- last_day = default_date + 59 days: the default date is day 1 of the 60. Under s.193/3 the first day may be left
  out of the count, which would give one day more; the earlier day is kept so that a letter sent by last_day is in
  time under either reading (a last day on a holiday is not moved either);
- days_left = last_day - the ledger's date (0: the last day is the ledger's date); past it, days_late =
  the ledger's date - last_day.

What the co-op loses on a loan past its 60 days is the interest and penalty accrued after last_day, which the
guarantor no longer owes. The ledger gives each loan's interest in arrears and penalty as totals, not by the day
they accrued (nor the rate), so that part cannot be computed honestly: the loan's whole interest in arrears and
penalty are listed as `at_risk`, an upper bound of the loss.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from ...analyse import Analysis
from ...errors import LedgerError

NOTICE_DAYS = 60  # s.686: the guarantor is notified within 60 days of the default (law, not a setting)
SEPARATORS = re.compile(r"\s*(?:[,;/|\n、]|\s+และ\s+|\s+and\s+)\s*")  # between names in one cell
COLUMNS = ["member_no", "name", "contract", "guarantor", "guarantors", "default_date", "last_day", "days_left",
           "days_late", "overdue_amount", "interest_arrears", "penalty", "at_risk"]


@dataclass(frozen=True)
class GuarantorList:
    as_of: date  # the ledger's date: days left and late are counted from it
    within: pd.DataFrame  # still in time, days_left <= the `within` asked for, fewest days left first (COLUMNS)
    late: pd.DataFrame  # past their 60 days, fewest days late first (COLUMNS)
    without: int  # loans in default that name no guarantor (nobody to notify)
    notified: int  # loans in default left out: their guarantors notified on or after the default date
    within_days: int


def default_date(due: date) -> date:
    return due + timedelta(days=1)


def last_day(default: date) -> date:
    """The last of the 60 days, the default date counted as the first (see the module's note)."""
    return default + timedelta(days=NOTICE_DAYS - 1)


def names(cell) -> list[str]:
    """The guarantors one cell names ("นาย ก ข, นาง ค ง" or "... และ ..."), each once, spaces tidied; [] for a
    blank cell."""
    found = [" ".join(part.split()) for part in SEPARATORS.split(str(cell or "").strip())]
    return list(dict.fromkeys(n for n in found if n and n.lower() not in ("nan", "none", "-")))


def check_column(loans: pd.DataFrame, unmapped: list[str] | tuple[str, ...] = ()) -> None:
    """A ledger without a guarantor column is a user error naming the headers one might map to it."""
    if "guarantor" not in loans:
        raise LedgerError.of("guarantors_no_column", unmapped=list(unmapped),
                             headers=", ".join(f'"{h}"' for h in unmapped) or "-")


def guarantor_list(analysis: Analysis, notified: Mapping[str, date] | None = None, within: int = NOTICE_DAYS,
                   unmapped: list[str] | tuple[str, ...] = ()) -> GuarantorList:
    """Each loan in default naming a guarantor, unless `notified` (member number as the ledger writes it -> the
    latest day a guarantor_notified action was recorded for them) holds a day on or after its default date:
    those with days_left <= `within` still in time, and those past their 60 days apart."""
    check_column(analysis.loans, unmapped)
    if within < 0:
        raise LedgerError.of("guarantors_within_negative")
    loans = _in_default(analysis.loans, analysis.as_of)
    named = loans["guarantors"].map(bool)
    told = pd.Series([_told(notified or {}, m, d) for m, d in zip(loans["member_no"], loans["default_date"])],
                     index=loans.index, dtype=bool)
    todo = loans[named & ~told]
    late = todo[todo["days_left"] < 0].sort_values(["days_late", "member_no", "contract"], kind="stable")
    soon = todo[(todo["days_left"] >= 0) & (todo["days_left"] <= within)]
    soon = soon.sort_values(["days_left", "member_no", "contract"], kind="stable")
    return GuarantorList(analysis.as_of, soon.reset_index(drop=True), late.reset_index(drop=True),
                         int((~named).sum()), int((named & told).sum()), int(within))


def _told(notified: Mapping[str, date], member: str, default: date) -> bool:
    day = notified.get(member)
    return day is not None and day >= default


def _in_default(loans: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """The overdue loans with a due date, their guarantors, days and what is at risk (COLUMNS)."""
    mine = loans[loans["overdue"] & loans["due_date"].notna()]
    due = [pd.Timestamp(d).date() for d in mine["due_date"]]
    defaults = [default_date(d) for d in due]
    lasts = [last_day(d) for d in defaults]
    left = [(day - as_of).days for day in lasts]
    interest, penalty = (mine[c].astype(float) if c in mine else pd.Series(0.0, index=mine.index)
                         for c in ("interest_arrears", "penalty"))
    out = pd.DataFrame({
        "member_no": mine["member_no"].astype(str), "name": mine["name"].astype(str) if "name" in mine else "",
        "contract": mine["contract"].astype(str) if "contract" in mine else "",
        "guarantors": [names(c) for c in mine["guarantor"]], "default_date": defaults, "last_day": lasts,
        "days_left": left, "days_late": [max(-n, 0) for n in left], "overdue_amount": mine["overdue_amount"],
        "interest_arrears": interest, "penalty": penalty}, index=mine.index)
    out["guarantor"] = out["guarantors"].map(", ".join)
    out["at_risk"] = (out["interest_arrears"] + out["penalty"]).where(out["days_late"] > 0, 0.0).round(2)
    return out[COLUMNS]


def as_json(found: GuarantorList) -> dict:
    """{as_of, within [...], late [...]}: each loan once, dates ISO; a late loan also carries at_risk (its
    interest in arrears and penalty, the upper bound of what the guarantor no longer owes)."""
    def rows(frame: pd.DataFrame, keys: list[str]) -> list[dict]:
        return [{k: _plain(row[k]) for k in keys} for row in frame.to_dict("records")]

    head = ["member", "contract", "guarantor", "default_date", "last_day"]
    return {"as_of": found.as_of.isoformat(),
            "within": rows(found.within.rename(columns={"member_no": "member"}), [*head, "days_left"]),
            "late": rows(found.late.rename(columns={"member_no": "member"}), [*head, "days_late", "at_risk"])}


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    return value.item() if hasattr(value, "item") else value
