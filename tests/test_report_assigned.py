"""T3's assignment handed out (`report.assigned.assignment`): JSON, the text report and the CSV, from a hand-made
assignment of three members to two people."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pandas as pd
from openpyxl import load_workbook

from kmdash.i18n import t
from kmdash.report.assigned.assignment import (
    assignment_csv,
    assignment_json,
    assignment_text,
    bound_text,
    measure,
)
from kmdash.report.assigned.weekly import week_dates, weekly_workbook
from kmdash.techniques.assigned.assignment import Assignment

TABLE = pd.DataFrame({"member_no": ["00001", "00002", "00003"], "name": ["=นาย ก", "นาง ข", "ค"],
                      "group": ["g1", "g1", "g2"], "days": [400, 90, 35], "overdue": [1500.5, 250.25, 100.004],
                      "assignee": ["นาง สมศรี", "Bob", "Bob"]})
LOADS = pd.DataFrame({"assignee": ["นาง สมศรี", "Bob"], "members": [1, 2], "overdue": [1500.5, 350.254]})


def assignment(balance: str = "amount", within_group: bool = False) -> Assignment:
    return Assignment(TABLE, LOADS, balance, within_group)


def test_the_assignment_as_json_in_baht_to_the_satang():
    assert assignment_json(assignment()) == {
        "assignments": [{"member": "00001", "assignee": "นาง สมศรี", "overdue": 1500.5},
                        {"member": "00002", "assignee": "Bob", "overdue": 250.25},
                        {"member": "00003", "assignee": "Bob", "overdue": 100.0}],
        "loads": [{"assignee": "นาง สมศรี", "members": 1, "overdue": 1500.5},
                  {"assignee": "Bob", "members": 2, "overdue": 350.25}]}


def test_gaps_and_bounds_in_baht_or_members():
    assert measure(assignment(), 1150.246, "en") == "฿1,150.25" and measure(assignment(), 2.0) == "2.00 บาท"
    assert measure(assignment("count"), 1234.0, "en") == "1,234 members" and measure(assignment("count"), 1.0) == "1 คน"
    assert bound_text(assignment(), "en") == "the largest single debt, ฿1,500.50"
    assert bound_text(assignment("count"), "en") == "one member"
    assert bound_text(assignment("amount", True), "en") == "the largest group's total, ฿1,750.75"
    assert bound_text(assignment("count", True), "en") == "the largest group's 2 members"
    assert bound_text(assignment("count", True)) == "จำนวนรายของกลุ่มที่ใหญ่สุด 2 ราย"
    assert bound_text(assignment()) == "หนี้รายใหญ่สุด 1,500.50 บาท"


def test_the_text_report_in_english_line_for_line():
    assert assignment_text(assignment(), "a.xlsx", "31 Mar 2024", "en").splitlines() == [
        "Assigned follow-up: 3 overdue members to 2 people, balanced by amount overdue",
        "File: a.xlsx | As of 31 Mar 2024", "", "Person / members / overdue",
        "  นาง สมศรี  " + "      1  " + " " * 13 + "฿1,500.50",  # names padded to the widest (8 columns)
        "  Bob     " + "  " + "      2  " + " " * 15 + "฿350.25",
        "", "Largest gap ฿1,150.25 (at most the largest single debt, ฿1,500.50)",
        "The full list: --json or --out FILE.xlsx"]


def test_the_text_report_in_thai_by_members_with_whole_groups():
    lines = assignment_text(assignment("count", True), "a.xlsx", "31 มี.ค. 2567").splitlines()
    assert lines[0] == "มอบหมายผู้รับผิดชอบ: ลูกหนี้ค้างชำระ 3 ราย ให้ 2 คน แบ่งตามจำนวนราย ทั้งกลุ่มไปด้วยกัน"
    assert lines[-2] == "ต่างกันสูงสุด 1 คน (ไม่เกินจำนวนรายของกลุ่มที่ใหญ่สุด 2 ราย)"


def test_the_csv_has_headers_in_the_language_and_inert_text():
    data = assignment_csv(assignment(), "en")
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == [
        "Member no.,Name,Group,Days overdue (most),Principal overdue,Assigned to",
        "00001,'=นาย ก,g1,400,1500.5,นาง สมศรี", "00002,นาง ข,g1,90,250.25,Bob", "00003,ค,g2,35,100.004,Bob"]
    assert assignment_csv(assignment()).decode("utf-8-sig").splitlines()[0].startswith("เลขสมาชิก,ชื่อ - สกุล,กลุ่ม")


# ---------------------------------------------------------------- the weekly workbook


AS_OF = date(2024, 3, 31)


def weekly(lang: str = "en", year_end=(4, 30), today=AS_OF):
    return load_workbook(io.BytesIO(weekly_workbook(assignment(), AS_OF, year_end, lang, today)))


def values(ws, rows, columns) -> list[list]:
    return [[ws.cell(r, c).value for c in columns] for r in rows]


def test_the_summary_sheet_holds_each_person_s_load_and_the_total():
    wb = weekly()
    assert wb.sheetnames == ["Summary", "นาง สมศรี", "Bob"]
    ws = wb["Summary"]
    assert ws["A1"].value == "Each person's load, as of 31 Mar 2024"
    assert values(ws, range(2, 6), range(1, 4)) == [["Assigned to", "Members", "Principal overdue (baht)"],
                                                    ["นาง สมศรี", 1, 1500.5], ["Bob", 2, 350.254], ["Total", 3, 1850.75]]
    header = ws["A2"]
    assert header.font.b and header.fill.fgColor.rgb == "00DDEBF7" and header.alignment.wrap_text
    assert header.alignment.vertical == "center" and header.data_type == "s"
    assert [ws.cell(5, c).font.b for c in (1, 2, 3)] == [True, True, True] and not ws["A3"].font.b
    assert ws["C3"].number_format == "#,##0.00" and ws["C5"].number_format == "#,##0.00"
    assert ws.freeze_panes == "A3"
    assert [ws.column_dimensions[c].width for c in "ABC"] == [13, 9, 26]  # the widest cell below the title + 2


def test_a_person_s_sheet_has_debtors_contacts_to_fill_and_report_dates():
    ws = weekly()["Bob"]
    assert ws["A1"].value == ("Bob: 2 debtors assigned, ฿350.25 overdue, as of 31 Mar 2024; report every week in the "
                              "table on the right")
    assert values(ws, range(2, 6), range(1, 7)) == [
        ["No.", "Member no.", "Name", "Group", "Days overdue", "Principal overdue (baht)"],
        [1, "00002", "นาง ข", "g1", 90, 250.25], [2, "00003", "ค", "g2", 35, 100.004], [None, None, "Total", None, None, 350.25]]
    assert ws["C5"].font.b and ws["F5"].font.b and ws["F3"].number_format == "#,##0.00"
    assert ws["H1"].value.startswith("Contacts: one row per contact")
    assert values(ws, [2], range(8, 16)) == [["Member no.", "Date done", "Action", "Amount (baht)", "Promised date",
                                              "Done by", "Note", "Technique"]]
    assert values(ws, range(3, 16), [8, 13, 15]) == [["00002", "Bob", "3 assigned"], ["00003", "Bob", "3 assigned"],
                                                     *[[None, "Bob", "3 assigned"]] * 10, [None, None, None]]
    assert [ws.cell(14, c).number_format for c in (8, 9, 11, 12)] == ["@", "@", "#,##0.00", "@"]
    assert ws.cell(15, 8).number_format == "General"  # the spare rows end
    assert values(ws, range(2, 9), [17, 18]) == [["Week", "Report date"], [1, "07/04/2024"], [2, "14/04/2024"],
                                                 [3, "21/04/2024"], [4, "28/04/2024"], [5, "30/04/2024"], [None, None]]
    lists = {str(v.sqref): (v.type, v.formula1, v.prompt) for v in ws.data_validations.dataValidation}
    assert lists == {"J3:J14": ("list", '"Letter sent,Guarantor notified,Leader visit,Contact,Promise to pay,Repaid '
                                        'through the pool,Restructuring signed,Referred for legal action,Other"', None),
                     "O3:O14": ("list", '"1 sieving,2 leaders,3 assigned,4 pooling,5 grading"', None),
                     "I3:I14 L3:L14": (None, None, "Type a date, e.g. 15/01/2025")}
    assert ws.freeze_panes == "A3" and ws.column_dimensions["N"].width == 40


def test_weeks_run_twelve_when_the_year_end_is_far_and_count_from_today_for_an_old_ledger():
    assert week_dates(date(2024, 4, 1), (3, 31)) == [date(2024, 4, 1) + timedelta(weeks=i) for i in range(1, 13)]
    assert week_dates(date(2024, 3, 31), (3, 31))[-1] == date(2024, 6, 23)  # on the year end: a whole year ahead
    assert week_dates(date(2024, 4, 23), (4, 30)) == [date(2024, 4, 30)]
    assert week_dates(date(2024, 2, 5), (4, 29)) == [date(2024, 2, 5) + timedelta(weeks=i) for i in range(1, 13)]
    ws = weekly("th", today=date(2024, 4, 20))["Bob"]
    assert values(ws, range(3, 6), [18]) == [["27/04/2567"], ["30/04/2567"], [None]]
    assert ws["A4"].value == 2 and weekly("th")["สรุป"]["A5"].value == "รวม"


def test_the_thai_text_by_amount_gives_each_load_and_the_gap_in_baht():
    lines = assignment_text(assignment(), "a.xlsx", "31 มี.ค. 2567").splitlines()
    assert lines[4:6] == ["  นาง สมศรี  " + "      1  " + " " * 10 + "1,500.50 บาท",
                          "  Bob       " + "      2  " + " " * 12 + "350.25 บาท"]
    assert lines[-2] == "ต่างกันสูงสุด 1,150.25 บาท (ไม่เกินหนี้รายใหญ่สุด 1,500.50 บาท)"


def test_the_thai_workbook_s_titles_have_buddhist_era_dates_and_baht_and_a_person_named_as_the_summary_gets_a_sheet():
    wb = weekly("th")
    assert wb["สรุป"]["A1"].value == t("assigned_xl_summary_title", "th", day="31 มี.ค. 2567")
    assert wb["Bob"]["A1"].value == t("assigned_xl_person_title", "th", person="Bob", n=2, total="350.25 บาท",
                                      day="31 มี.ค. 2567")
    named = Assignment(TABLE.assign(assignee=["Summary", "Bob", "Bob"]), LOADS.assign(assignee=["Summary", "Bob"]),
                       "amount", False)
    wb = load_workbook(io.BytesIO(weekly_workbook(named, AS_OF, (4, 30), "en", AS_OF)))
    assert wb.sheetnames == ["Summary", "Summary (2)", "Bob"] and wb["Summary (2)"]["B3"].value == "00001"


def test_the_dates_prompt_as_they_are_typed_and_the_lists_accept_a_blank():
    ws = weekly()["Bob"]
    got = {str(v.sqref): (v.showInputMessage, v.allow_blank) for v in ws.data_validations.dataValidation}
    assert got == {"J3:J14": (False, True), "O3:O14": (False, True), "I3:I14 L3:L14": (True, False)}


def test_a_column_is_as_wide_as_its_widest_value_as_shown_at_least_8_and_at_most_60():
    long = "นาย " + "ก" * 70  # 74 columns: capped at 60
    noisy = Assignment(TABLE.assign(name=["ก", long, "ค"]), LOADS.assign(overdue=[1500.5, 0.1 + 0.2]), "amount", False)
    wb = load_workbook(io.BytesIO(weekly_workbook(noisy, AS_OF, (4, 30), "th", AS_OF)))
    # the float 0.30000000000000004 is shown "0.30": the header (18 columns) is the widest, + 2
    assert wb["สรุป"].column_dimensions["C"].width == 20
    bob = wb["Bob"]
    assert bob.column_dimensions["C"].width == 60
    assert [bob.column_dimensions[c].width for c in "AQ"] == [8, 8]  # "ลำดับ" (4), "สัปดาห์" (6) and small numbers


def test_one_day_before_the_year_end_the_only_report_is_on_it():
    assert week_dates(date(2024, 4, 29), (4, 30)) == [date(2024, 4, 30)]
