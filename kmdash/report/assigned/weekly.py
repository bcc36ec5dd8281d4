"""The assigned follow-up as a workbook to hand out: a summary sheet of the loads, then one sheet per
person with their debtors (left) and a weekly report table to fill in (right), under one frozen header."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ...i18n import t
from ...techniques.assigned.assignment import Assignment
from ...techniques.assigned.card import days_to_year_end
from ..display import date_entry, day, money
from ..xlsx_text import put_text, sheet_titles, text_width

WEEKS = 12  # weekly rows when the fiscal year end is not within them
MONEY_FORMAT = "#,##0.00"
HEADER_ROW = 2  # a title line above it; both frozen
DEBTORS = ["col_no", "col_member_no", "col_name", "col_group", "col_days_overdue", "col_overdue_baht"]
WEEKLY = ["col_week", "col_report_date", "col_contacts", "col_result", "col_promised_amount", "col_promised_date"]
WEEKLY_FIRST = len(DEBTORS) + 2  # one empty column between the tables
RESULT_WIDTH = 40  # room to write the week's result
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def week_dates(as_of: date, year_end: tuple[int, int]) -> list[date]:
    """The report date of each week from the as-of date: up to the fiscal year end (the last one on it)
    when that is within WEEKS weeks, else WEEKS weeks (also when the as-of date is the year end)."""
    days = days_to_year_end(as_of, year_end)
    if not 0 < days <= 7 * WEEKS:
        return [as_of + timedelta(weeks=i) for i in range(1, WEEKS + 1)]
    end = as_of + timedelta(days=days)
    return [min(as_of + timedelta(weeks=i), end) for i in range(1, -(-days // 7) + 1)]


def weekly_workbook(assignment: Assignment, as_of: date, year_end: tuple[int, int], lang: str = "th") -> bytes:
    """The xlsx bytes: the loads, then each person's debtors and weekly report table."""
    wb = Workbook()
    summary = wb.active
    summary.title = t("xl_summary", lang)
    _loads_sheet(summary, assignment.loads, as_of, lang)
    weeks = week_dates(as_of, year_end)
    people = assignment.loads["assignee"].tolist()
    debtors = assignment.assignments
    for person, title in zip(people, sheet_titles(people, reserved=(summary.title,))):
        _person_sheet(wb.create_sheet(title), person, debtors[debtors["assignee"] == person], weeks, as_of, lang)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _loads_sheet(ws, loads: pd.DataFrame, as_of: date, lang: str) -> None:
    put_text(ws, 1, 1, t("assigned_xl_summary_title", lang, day=day(as_of, lang)))
    _headers(ws, 1, ["col_assignee", "col_members", "col_overdue_baht"], lang)
    for r, (person, members, overdue) in enumerate(loads.itertuples(index=False), start=HEADER_ROW + 1):
        put_text(ws, r, 1, person)
        ws.cell(r, 2, int(members))
        _money(ws, r, 3, overdue)
    last = HEADER_ROW + len(loads) + 1
    put_text(ws, last, 1, t("xl_total", lang)).font = _HEADER_FONT
    ws.cell(last, 2, int(loads["members"].sum())).font = _HEADER_FONT
    _money(ws, last, 3, round(loads["overdue"].sum(), 2)).font = _HEADER_FONT
    _finish(ws)


def _person_sheet(ws, person: str, debtors: pd.DataFrame, weeks: list[date], as_of: date, lang: str) -> None:
    total = round(float(debtors["overdue"].sum()), 2)
    put_text(ws, 1, 1, t("assigned_xl_person_title", lang, person=person, n=len(debtors), total=money(total, lang),
                         day=day(as_of, lang)))
    _headers(ws, 1, DEBTORS, lang)
    _headers(ws, WEEKLY_FIRST, WEEKLY, lang)
    for r, row in enumerate(debtors.itertuples(index=False), start=HEADER_ROW + 1):
        ws.cell(r, 1, r - HEADER_ROW)
        for c, text in enumerate((row.member_no, row.name, row.group), start=2):
            put_text(ws, r, c, text)
        ws.cell(r, 5, int(row.days))
        _money(ws, r, 6, row.overdue)
    last = HEADER_ROW + len(debtors) + 1
    put_text(ws, last, 3, t("xl_total", lang)).font = _HEADER_FONT
    _money(ws, last, 6, total).font = _HEADER_FONT
    for r, when in enumerate(weeks, start=HEADER_ROW + 1):
        ws.cell(r, WEEKLY_FIRST, r - HEADER_ROW)
        put_text(ws, r, WEEKLY_FIRST + 1, date_entry(when, lang))
        ws.cell(r, WEEKLY_FIRST + 4).number_format = MONEY_FORMAT
    _finish(ws)
    ws.column_dimensions[get_column_letter(WEEKLY_FIRST + 3)].width = RESULT_WIDTH


def _headers(ws, first: int, keys: list[str], lang: str) -> None:
    for c, key in enumerate(keys, start=first):
        cell = put_text(ws, HEADER_ROW, c, t(key, lang))
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _money(ws, row: int, column: int, value: float):
    cell = ws.cell(row, column, float(value))
    cell.number_format = MONEY_FORMAT
    return cell


def _finish(ws) -> None:
    """Freeze the title and header; each column as wide as its widest cell below the title."""
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1).coordinate
    widths: dict[int, int] = {}
    for row in ws.iter_rows(min_row=HEADER_ROW):
        for cell in row:
            if cell.value is not None:
                shown = f"{cell.value:,.2f}" if isinstance(cell.value, float) else cell.value
                widths[cell.column] = max(widths.get(cell.column, 0), text_width(shown))
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 8), 60)
