"""T3's assignment handed out (`report.assigned.assignment`): JSON, the text report and the CSV, from a hand-made
assignment of three members to two people."""

from __future__ import annotations

import pandas as pd

from kmdash.report.assigned.assignment import (
    assignment_csv,
    assignment_json,
    assignment_text,
    bound_text,
    measure,
)
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
