"""The follow-up handed out (`report.followup`): JSON, the text report and the board's one page (xlsx, docx), from a
hand-made comparison of five members whose figures are worked out here in satang."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
from docx import Document
from openpyxl import load_workbook

from kmdash.followup import Comparison
from kmdash.i18n import t
from kmdash.report.followup import as_json, baht, format_text, identity_line, money, summary_docx, summary_rows, summary_xlsx

MEMBERS = pd.DataFrame({  # largest overdue then first, as compare() orders them
    "key": ["1", "2", "3", "5", "4"], "member": ["00001", "00002", "00003", "00005", "00004"],
    "name": ["ก", "ข", "ค", "จ", "ง"], "group": ["g"] * 5,
    "status": ["cleared", "reduced", "left", "grown", "joined"],
    "overdue_then": [150050, 100000, 20000, 1000, 0], "overdue_now": [0, 40000, 0, 3000, 5000],
    "bucket_then": ["91-180", "31-90", "1-30", "1-30", "joined"], "bucket_now": ["not_due", "1-30", "left", "31-90", "1-30"],
    "refinanced": [False, True, False, False, False]})
BUCKETS = ("not_due", "1-30", "31-90", "91-180")
# then 2,710.50 - recovered 1,500.50 - refinanced 600.00 - left 200.00 + increase 70.00 (20 grown, 50 joined) = now 480.00


def comparison(loans: dict | None = None) -> Comparison:
    return Comparison(date(2024, 3, 31), date(2024, 6, 30), MEMBERS, BUCKETS, loans)


def test_the_follow_up_as_json_in_baht():
    got = as_json(comparison({"matched": 4, "closed": 1, "opened": 2}), label=lambda m: f"A{m}")
    assert got == {
        "as_of_old": "2024-03-31", "as_of_new": "2024-06-30",
        "status": {"cleared": 1, "reduced": 1, "unchanged": 0, "grown": 1, "new_arrears": 0, "left": 1, "joined": 1,
                   "current": 0},
        "overdue_then": 2710.5, "overdue_now": 480.0, "recovered": 1500.5, "refinanced": 600.0, "left_overdue": 200.0,
        "increase": 70.0, "refinanced_members": {"members": 1, "amount": 600.0},
        "members": [{"member": "A00001", "status": "cleared", "overdue_then": 1500.5, "overdue_now": 0.0},
                    {"member": "A00002", "status": "reduced", "overdue_then": 1000.0, "overdue_now": 400.0},
                    {"member": "A00003", "status": "left", "overdue_then": 200.0, "overdue_now": 0.0},
                    {"member": "A00005", "status": "grown", "overdue_then": 10.0, "overdue_now": 30.0},
                    {"member": "A00004", "status": "joined", "overdue_then": 0.0, "overdue_now": 50.0}],
        "transitions": [{"from": "1-30", "to": "31-90", "members": 1}, {"from": "1-30", "to": "left", "members": 1},
                        {"from": "31-90", "to": "1-30", "members": 1}, {"from": "91-180", "to": "not_due", "members": 1},
                        {"from": "joined", "to": "1-30", "members": 1}],
        "loans": {"matched": 4, "closed": 1, "opened": 2}}
    assert "plan" not in got and "best_practice" not in got and "by_action" not in got
    assert (baht(123456), baht(-5), money(123456, "en"), money(5, "th")) == (1234.56, -0.05, "1,234.56 baht", "0.05 บาท")


def test_the_follow_up_as_text_in_english_line_for_line():
    assert format_text(comparison({"matched": 4, "closed": 1, "opened": 2}), None, "en").splitlines() == [
        "Follow-up: the ledger of 31 Mar 2024 against 30 Jun 2024",
        "overdue then 2,710.50 baht − cash recovered 1,500.50 baht − refinanced through the pool 600.00 baht − overdue "
        "of those who left 200.00 baht + increase 70.00 baht = overdue now 480.00 baht", "", "Members by status",
        "  cleared: 1", "  reduced: 1", "  unchanged: 0", "  grown: 1", "  new arrears: 0", "  left: 1", "  joined: 1",
        "  current: 0", "Contracts matched by number 4, closed 1, opened 2", "",
        "Moves between age buckets (from → to: members)", "  1-30 days → 31-90 days: 1", "  1-30 days → left: 1",
        "  31-90 days → 1-30 days: 1", "  91-180 days → not due: 1", "  joined → 1-30 days: 1"]


def test_without_loans_the_text_has_no_contracts_line_and_thai_is_the_default():
    lines = format_text(comparison(), None).splitlines()
    assert lines[0] == t("fu_title", old="31 มี.ค. 2567", new="30 มิ.ย. 2567")
    assert not any("สัญญา" in line for line in lines) and lines[12] == ""
    assert identity_line(comparison(), "th") == t("fu_identity", then="2,710.50 บาท", recovered="1,500.50 บาท",
                                                  refinanced="600.00 บาท", left="200.00 บาท", increase="70.00 บาท",
                                                  now="480.00 บาท")


def test_the_board_s_one_page_rows_and_files():
    rows = summary_rows(comparison(), None, "en")
    assert rows == [("Overdue then", "2,710.50 baht"), ("Cash recovered", "1,500.50 baht"),
                    ("Refinanced", "600.00 baht"), ("Overdue of members who left", "200.00 baht"),
                    ("Increase (joined members included)", "70.00 baht"), ("Overdue now", "480.00 baht"),
                    ("cleared", "1 members"), ("reduced", "1 members"), ("unchanged", "0 members"), ("grown", "1 members"),
                    ("new arrears", "0 members"), ("left", "1 members"), ("joined", "1 members"), ("current", "0 members")]
    sheet = load_workbook(io.BytesIO(summary_xlsx(comparison(), None, "Coop", "en")))["Summary"]
    assert list(sheet.values) == [("Item", "Amount"), ("Follow-up of overdue loans: summary", "Coop"),
                                  ("The ledger of 31 Mar 2024 against 30 Jun 2024", None), *rows]
    doc = Document(io.BytesIO(summary_docx(comparison(), None, "Coop", "en")))
    assert [p.text for p in doc.paragraphs] == [
        "Follow-up of overdue loans: summary", "Coop", "The ledger of 31 March 2024 against 30 June 2024",
        "Members who repaid with the pool re-borrowed: counted as refinanced, never as cash recovered"]
    assert [[c.text for c in row.cells] for row in doc.tables[0].rows] == [["Item", "Amount"], *map(list, rows)]
    bare = Document(io.BytesIO(summary_docx(comparison(), None, None)))
    assert len(bare.paragraphs) == 3 and bare.paragraphs[0].runs[0].bold
