"""Member grading the board can own (issue 19): participation in the group's activities first, every band and
point set in the settings file, welfare the board words, and the example marked as an example (a "ร่าง" on the
announcement, a note in the plan) until the board sets or approves its criteria. Expected points by hand."""

from __future__ import annotations

import io

import pytest
from docx import Document

from kmdash.read.extra import read_activities

from .support.ledgers import workbook_bytes

# A hand-made ledger as of 31 March 2567: member, due date, outstanding, principal overdue, share capital
HEADER = ["เลขทะเบียนสมาชิก", "ชื่อ - สกุล", "กลุ่ม", "เลขที่สัญญา", "วันครบกำหนดชำระ", "เงินต้นคงเหลือ",
          "เงินต้นค้างชำระ", "ทุนเรือนหุ้น"]
LOANS = [
    ["00001", "ก", "กลุ่ม 1", "ส1", "01/03/2567", 10000, 2000, 2500],  # 30 days; share 25 %
    ["00002", "ข", "กลุ่ม 1", "ส2", "03/09/2566", 20000, 5000, 2400],  # 210 days (27+31+30+31+31+29+31)
    ["00002", "ข", "กลุ่ม 1", "ส3", "30/06/2567", 10000, 0, 0],  # not due; share 2,400 / 30,000 = 8 %
    ["00003", "ค", "กลุ่ม 2", "ส4", "31/12/2567", 5000, 0, 600],  # not overdue; share 12 %
    ["00004", "ง", "กลุ่ม 2", "ส5", "31/03/2565", 8000, 8000, 0],  # 731 days (366 + 365); share 0 %
]
ACTIVITIES = "เลขทะเบียนสมาชิก,ชื่อ - สกุล,จำนวนกิจกรรมที่เข้าร่วม\n1,ก,4\n00002,ข,1\n0003,ค,3\n99999,จ,2\n"

# The board's criteria: bands in any order, each criterion's own limits and points
BOARD = """
[grading]
[[grading.criteria]]
key = "activities"
bands = [[2, 15], [4, 40]]
higher_is_better = true
unit = "activities"

[[grading.criteria]]
key = "days"
bands = [[180, 10], [30, 30]]
unit = "days"

[[grading.criteria]]
key = "share_ratio"
bands = [[10, 20]]
higher_is_better = true
unit = "percent"
floor = 5

[[grading.grades]]
key = "excellent"
min_points = 70
welfare = { text = "ของที่ระลึก", amount = 300 }

[[grading.grades]]
key = "good"
min_points = 40

[[grading.grades]]
key = "improve"
min_points = 0
"""
# by hand: activities (>= 4: 40, >= 2: 15, else or not listed 0) + days (<= 30: 30, <= 180: 10, else 0)
# + share (>= 10 %: 20, else 5)
WANT = {"00001": (40 + 30 + 20, "ดีเยี่ยม"), "00002": (0 + 0 + 5, "ต้องปรับปรุง"),
        "00003": (15 + 30 + 20, "ดี"), "00004": (0 + 0 + 5, "ต้องปรับปรุง")}
DRAFT = "ร่าง — ตัวอย่างหลักเกณฑ์ของโปรแกรม ยังไม่ได้รับความเห็นชอบจากคณะกรรมการ"


@pytest.fixture
def files(tmp_path):
    ledger = tmp_path / "ledger.xlsx"
    ledger.write_bytes(workbook_bytes(["สหกรณ์การเกษตรทดสอบ จำกัด"], ["ณ วันที่ 31 มีนาคม 2567"], HEADER, *LOANS))
    activities = tmp_path / "activities.csv"
    activities.write_text(ACTIVITIES, encoding="utf-8")
    board = tmp_path / "board.toml"
    board.write_text(BOARD, encoding="utf-8")
    approved = tmp_path / "approved.toml"
    approved.write_text("[grading]\napproved = true\n", encoding="utf-8")
    return {"ledger": ledger, "activities": activities, "board": board, "approved": approved, "dir": tmp_path}


def test_the_boards_bands_and_the_activities_give_the_points_computed_by_hand(cli, files):
    out = cli("grade", files["ledger"], "--activities", files["activities"], "--settings", files["board"], "--json")
    assert out.code == 0, out.err
    got = out.json
    assert {m["member"]: (m["points"], m["grade"]) for m in got["members"]} == WANT
    assert [c["key"] for c in got["criteria"]] == ["activities", "days", "share_ratio"]  # participation first
    assert got["criteria"][0]["bands"] == [{"threshold": 2, "points": 15}, {"threshold": 4, "points": 40}]
    assert (got["max_points"], got["example"], got["not_measured"], got["unmatched_extra"]) == (90, False, [], 1)
    assert got["grades"][0]["welfare"] == {"text": "ของที่ระลึก", "amount": 300}


def test_without_an_activities_file_participation_is_listed_as_not_measured_not_as_zero(cli, files):
    got = cli("grade", files["ledger"], "--settings", files["board"], "--json").json
    assert got["not_measured"] == [{"key": "activities", "name": "การร่วมกิจกรรมของกลุ่ม (จำนวนกิจกรรมที่เข้าร่วม)"}]
    assert [c["key"] for c in got["criteria"]] == ["days", "share_ratio"]
    assert {m["member"]: m["points"] for m in got["members"]} == {m: p - a for (m, (p, _)), a in
                                                                 zip(WANT.items(), (40, 0, 15, 0))}
    text = cli("grade", files["ledger"], "--settings", files["board"]).out
    assert "ยังไม่ได้วัด (ไม่มีข้อมูล ไม่นับคะแนน): การร่วมกิจกรรมของกลุ่ม" in text and "--activities FILE" in text


@pytest.mark.parametrize("rows, row", [("1,4\n2,สองครั้ง\n", 3), ("1,4\n2,1\n3,-1\n", 4), ("1,1.5\n", 2)])
def test_a_bad_activities_row_exits_2_naming_the_row(cli, files, rows, row):
    bad = files["dir"] / "bad.csv"
    bad.write_text("member no,activities attended\n" + rows, encoding="utf-8")
    run = cli("grade", files["ledger"], "--activities", bad)
    assert run.code == 2 and run.out == ""
    assert run.err.count("\n") == 1 and f"ไฟล์กิจกรรม แถว {row}:" in run.err and f"row {row}:" in run.err


def docx_text(path) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(path.read_bytes())).paragraphs)


def test_the_announcement_is_a_draft_until_the_board_sets_or_approves_the_criteria(cli, files):
    example, board, approved = (files["dir"] / f"{n}.docx" for n in ("example", "board", "approved"))
    assert cli("grade", files["ledger"], "--out", example).code == 0
    assert cli("grade", files["ledger"], "--settings", files["board"], "--out", board).code == 0
    assert cli("grade", files["ledger"], "--settings", files["approved"], "--out", approved).code == 0
    first = Document(io.BytesIO(example.read_bytes())).paragraphs[0]
    assert first.text == DRAFT and first.runs[0].bold
    assert "การร่วมกิจกรรมของกลุ่ม (จำนวนกิจกรรมที่เข้าร่วม) — ยังไม่ได้วัดในครั้งนี้" in docx_text(example)
    for path in (board, approved):
        assert "ร่าง" not in docx_text(path)
    assert "ตัวอย่างหลักเกณฑ์ของโปรแกรม" in cli("grade", files["ledger"]).out
    assert "หลักเกณฑ์ของคณะกรรมการ" in cli("grade", files["ledger"], "--settings", files["approved"]).out


def test_the_example_welfare_is_empty_for_the_board_to_fill():
    from kmdash.settings import GradingRules, Welfare

    assert [g.welfare for g in GradingRules().grades] == [Welfare("", 0.0)] * 4
    assert GradingRules().example and not GradingRules(approved=True).example


def test_the_plans_about_sheet_says_the_grades_are_by_example_criteria_until_set(cli, files):
    import openpyxl

    def about(*options) -> str:
        out = files["dir"] / "plan.xlsx"
        assert cli("plan", files["ledger"], "--out", out, *options).code == 0
        sheet = openpyxl.load_workbook(out).worksheets[0]
        return "\n".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row)

    note = "ชั้นสมาชิกคิดตามหลักเกณฑ์ตัวอย่างของโปรแกรม"
    assert note in about()
    assert note not in about("--settings", files["board"])


def test_read_activities_takes_the_activities_column_counts_zero_and_a_blank_as_none_attended():
    """The activities column though another value column comes first; a member's rows added up (00002: 3 + 1 = 4),
    0 and a blank both none attended, a row without a member number left out."""
    sheet = read_activities("เลขทะเบียนสมาชิก,ยอดธุรกิจ,จำนวนกิจกรรมที่เข้าร่วม\n1,500,0\n00002,100,3\n00002,20,1\n"
                            ",5,9\n3,7,\n".encode())
    assert sheet.header == "จำนวนกิจกรรมที่เข้าร่วม"
    assert sheet.values.to_dict("records") == [{"member_no": "1", "value": 0.0}, {"member_no": "00002", "value": 4.0},
                                               {"member_no": "3", "value": 0.0}]
