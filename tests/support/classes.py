"""Loan-quality classes worked out loan by loan in plain Python (never kmdash.classes nor kmdash.analyse): the
tests' expected figures.

- A loan is overdue when its due date is before the as-of date and its principal overdue (the outstanding
  where the ledger has no overdue column) is above zero.
- Its months overdue are the fewest whole months that, added to the due date (the day cut to the month's last
  where the month is shorter), reach the as-of date: one day late is month 1.
- It fits a class when it is overdue with months above `months_from` and at most `months_to` (a class with
  neither has no months rule), or when its status is one of the class's (and it is overdue, where the class
  asks that). A member takes the worst class (the last in order) any of their loans fits, with all their loans.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from datetime import date

import pandas as pd

from .oracle import _day, satang

# kmdash.synthetic's STATUS_WORDS, each as a co-op's program means it
STATUS = {"ปกติ": "normal", "ผิดนัดชำระ": "default", "ดำเนินคดี": "legal", "ฟ้องแล้ว": "legal", "พิพากษา": "judgment",
          "บังคับคดี": "enforcement", "ปรับโครงสร้างหนี้": "restructured", "ล้มละลาย": "bankrupt", "ปิดบัญชี": "other"}
NONE = "unclassified"


def add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def months_late(due: date, as_of: date) -> int:
    months = 0
    while add_months(due, months) < as_of:
        months += 1
    return months


def loan_fits(loan: dict, row, as_of: date) -> bool:
    """Does this loan (a dict of the ledger's fields, status as a code) fit the class `row` (a LoanClass)?"""
    due = _day(loan.get("due_date"))
    basis = loan["principal_overdue"] if "principal_overdue" in loan else loan.get("outstanding", 0)
    overdue = due is not None and due < as_of and basis > 0
    if row.statuses and loan.get("status") in row.statuses and (overdue or not row.when_overdue):
        return True
    if row.months_from is None and row.months_to is None or not overdue:
        return False
    months = months_late(due, as_of)
    return (row.months_from is None or months > row.months_from) and (row.months_to is None or months <= row.months_to)


def member_classes(loans: list[dict], rows, as_of: date) -> dict[str, str]:
    """Member number -> the key of the worst class any of their loans fits (NONE where none)."""
    worst: dict[str, int] = defaultdict(lambda: -1)
    for loan in loans:
        fitting = [i for i, row in enumerate(rows) if loan_fits(loan, row, as_of)]
        worst[loan["member_no"]] = max([worst[loan["member_no"]], *fitting])
    keys = [row.key for row in rows]
    return {member: keys[i] if i >= 0 else NONE for member, i in worst.items()}


def coded(frame: pd.DataFrame) -> list[dict]:
    """The loans as dicts, status words (kmdash.synthetic's) as codes; a blank status is none."""
    return frame.assign(**({"status": frame["status"].map(STATUS)} if "status" in frame else {})).to_dict("records")


def class_figures(frame: pd.DataFrame, rows, as_of: date) -> dict[str, dict]:
    """Class key -> loans, members and the money in satang (outstanding, overdue: principal overdue of overdue
    loans, interest) of the members in it; every class and NONE present."""
    loans = coded(frame)
    members = member_classes(loans, rows, as_of)
    out = {key: {"loans": 0, "members": set(), "outstanding": 0, "overdue": 0, "interest": 0}
           for key in [row.key for row in rows] + [NONE]}
    for loan in loans:
        figures = out[members[loan["member_no"]]]
        due = _day(loan.get("due_date"))
        overdue = due is not None and due < as_of and loan.get("principal_overdue", loan.get("outstanding", 0)) > 0
        figures["loans"] += 1
        figures["members"].add(loan["member_no"])
        figures["outstanding"] += satang(loan.get("outstanding", 0))
        figures["overdue"] += satang(loan.get("principal_overdue", loan.get("outstanding", 0))) if overdue else 0
        figures["interest"] += satang(loan.get("interest_arrears", 0))
    return {key: {**f, "members": len(f["members"])} for key, f in out.items()}
