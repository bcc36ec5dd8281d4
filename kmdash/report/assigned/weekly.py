"""The assigned follow-up as a workbook to hand out: a summary sheet of the loads, then one sheet per
person with their debtors (left), their contacts to fill in (middle: the record's columns, one row per
contact, so the filled workbook imports as actions: `python -m kmdash actions import`), and the week's report
dates (right), under one frozen title and header.

The contacts table comes with a row per debtor (member, person and technique typed) and spare rows (person
and technique): a row left without a date and what was done imports as nothing (`actions.PREFILLED`).
"""

from __future__ import annotations

import io
from datetime import date, timedelta

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ...actions import KINDS, header, kind_word, technique_word
from ...i18n import t
from ...techniques.assigned.assignment import Assignment
from ...techniques.assigned.card import CARD, days_to_year_end
from ...techniques.registry import techniques
from ...words import start_day
from ..display import date_entry, day, money
from ..xlsx_text import put_text, sheet_titles, text_width

WEEKS = 12  # weekly rows when the fiscal year end is not within them
MONEY_FORMAT, TEXT_FORMAT = "#,##0.00", "@"  # dates stay as typed ("15/01/2568"), never Excel's dates
HEADER_ROW = 2  # a title line above it; both frozen
DEBTORS = ["col_no", "col_member_no", "col_name", "col_group", "col_days_overdue", "col_overdue_baht"]
CONTACTS = ["member", "date", "kind", "amount", "promised_date", "by", "note", "technique"]  # actions' fields
CONTACTS_FIRST = len(DEBTORS) + 2  # one empty column between the tables
WEEKLY = ["col_week", "col_report_date"]
WEEKLY_FIRST = CONTACTS_FIRST + len(CONTACTS) + 1
SPARE = 10  # rows beyond one per debtor, for further contacts (more can be added below)
NOTE_WIDTH = 40  # room to write what happened
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def week_dates(start: date, year_end: tuple[int, int]) -> list[date]:
    """The report date of each week from `start`: up to the fiscal year end (the last one on it) when that is
    within WEEKS weeks, else WEEKS weeks (also when `start` is the year end)."""
    days = days_to_year_end(start, year_end)
    if not 0 < days <= 7 * WEEKS:
        return [start + timedelta(weeks=i) for i in range(1, WEEKS + 1)]
    end = start + timedelta(days=days)
    return [min(start + timedelta(weeks=i), end) for i in range(1, -(-days // 7) + 1)]


def weekly_workbook(assignment: Assignment, as_of: date, year_end: tuple[int, int], lang: str = "th",
                    today: date | None = None) -> bytes:
    """The xlsx bytes: the loads, then each person's debtors, contacts to fill in and report dates (weeks from
    `words.start_day`: today when the ledger is older)."""
    wb = Workbook()
    summary = wb.active
    summary.title = t("xl_summary", lang)
    _loads_sheet(summary, assignment.loads, as_of, lang)
    weeks = week_dates(start_day(as_of, today), year_end)
    people = assignment.loads["assignee"].tolist()
    debtors = assignment.assignments
    for person, title in zip(people, sheet_titles(people, reserved=(summary.title,))):
        _person_sheet(wb.create_sheet(title), person, debtors[debtors["assignee"] == person], weeks, as_of, lang)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _loads_sheet(ws, loads: pd.DataFrame, as_of: date, lang: str) -> None:
    put_text(ws, 1, 1, t("assigned_xl_summary_title", lang, day=day(as_of, lang)))
    _headers(ws, 1, [t(key, lang) for key in ("col_assignee", "col_members", "col_overdue_baht")])
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
    _headers(ws, 1, [t(key, lang) for key in DEBTORS])
    for r, row in enumerate(debtors.itertuples(index=False), start=HEADER_ROW + 1):
        ws.cell(r, 1, r - HEADER_ROW)
        for c, text in enumerate((row.member_no, row.name, row.group), start=2):
            put_text(ws, r, c, text)
        ws.cell(r, 5, int(row.days))
        _money(ws, r, 6, row.overdue)
    last = HEADER_ROW + len(debtors) + 1
    put_text(ws, last, 3, t("xl_total", lang)).font = _HEADER_FONT
    _money(ws, last, 6, total).font = _HEADER_FONT
    _contacts(ws, person, debtors["member_no"].tolist(), lang)
    _headers(ws, WEEKLY_FIRST, [t(key, lang) for key in WEEKLY])
    for r, when in enumerate(weeks, start=HEADER_ROW + 1):
        ws.cell(r, WEEKLY_FIRST, r - HEADER_ROW)
        put_text(ws, r, WEEKLY_FIRST + 1, date_entry(when, lang))
    _finish(ws)
    ws.column_dimensions[get_column_letter(CONTACTS_FIRST + CONTACTS.index("note"))].width = NOTE_WIDTH


def _contacts(ws, person: str, members: list[str], lang: str) -> None:
    """The contacts table: a row per debtor (member, person, technique typed), then SPARE rows (person and
    technique); what was done chosen from a list, dates kept as typed text, amounts in baht."""
    put_text(ws, 1, CONTACTS_FIRST, t("assigned_xl_contacts_hint", lang))
    _headers(ws, CONTACTS_FIRST, [header(f, lang) for f in CONTACTS])
    column = {f: CONTACTS_FIRST + i for i, f in enumerate(CONTACTS)}
    first, last = HEADER_ROW + 1, HEADER_ROW + len(members) + SPARE
    technique = technique_word(CARD.number, lang)
    for r in range(first, last + 1):
        for f in ("member", "date", "promised_date"):
            ws.cell(r, column[f]).number_format = TEXT_FORMAT
        ws.cell(r, column["amount"]).number_format = MONEY_FORMAT
        put_text(ws, r, column["by"], person)
        put_text(ws, r, column["technique"], technique)
    for r, member in enumerate(members, start=first):
        put_text(ws, r, column["member"], member)
    lists = {"kind": [kind_word(k, lang) for k in KINDS],
             "technique": [technique_word(x.card.number, lang) for x in techniques()]}
    for field, words in lists.items():
        _choose(ws, column[field], first, last, words)
    prompt = DataValidation(showInputMessage=True, prompt=t("xl_date_prompt", lang))
    ws.add_data_validation(prompt)
    for f in ("date", "promised_date"):
        prompt.add(_span(column[f], first, last))


def _choose(ws, column: int, first: int, last: int, words: list[str]) -> None:
    """A dropdown of `words` on the column's rows (nothing else accepted)."""
    choice = DataValidation(type="list", formula1='"' + ",".join(words) + '"', allow_blank=True)
    ws.add_data_validation(choice)
    choice.add(_span(column, first, last))


def _span(column: int, first: int, last: int) -> str:
    letter = get_column_letter(column)
    return f"{letter}{first}:{letter}{last}"


def _headers(ws, first: int, texts: list[str]) -> None:
    for c, text in enumerate(texts, start=first):
        cell = put_text(ws, HEADER_ROW, c, text)
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
