"""The follow-up handed out (`report.followup`): JSON, the text report and the board's one page (xlsx, docx), from a
hand-made comparison of five members whose figures are worked out here in satang."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from openpyxl import load_workbook

from kmdash.followup import Comparison
from kmdash.followup_actions import Judged
from kmdash.followup_plan import Review
from kmdash.i18n import t
from kmdash.report.followup import (
    as_json,
    baht,
    best_lines,
    format_text,
    identity_line,
    money,
    record_lines,
    review_lines,
    summary_docx,
    summary_rows,
    summary_xlsx,
)

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


# ---------------------------------------------------------------- the plan's review and the record, as text

def review_of() -> Review:
    """A plan review by hand: 23 plan members, 21 of them missing from the later ledger, one refinanced 600.00;
    per dimension its rows (recovered first, as followup_plan orders them)."""
    numbers = [f"{i:05d}" for i in range(1, 24)]
    members = pd.DataFrame({"member": numbers, "name": "n", "group": "g", "overdue_then": 1000,
                            "missing": [False, False] + [True] * 21, "refinanced_member": [True] + [False] * 22,
                            "refinanced": [60000] + [0] * 22})

    def rows(values, members_, recovered, then, refinanced=None):
        n = len(values)
        return pd.DataFrame({"value": values, "members": members_, "cleared": [1] + [0] * (n - 1),
                             "refinanced_members": [int(bool(r)) for r in refinanced or [0] * n],
                             "missing": [0] * (n - 1) + [2], "overdue_then": then, "recovered": recovered,
                             "refinanced": refinanced or [0] * n, "overdue_now": [7] * n,
                             "rate": [r / o if o else 0.0 for r, o in zip(recovered, then)]})

    return Review(members, {
        "technique": rows(["1", "4", ""], [6, 2, 1], [150050, 2000, 1000], [250050, 20000, 1000], [60000, 0, 0]),
        "tier": rows(["notified", "ตามใจ"], [7, 1], [1000, 0], [3000, 500]),
        "group": rows(["g2", "g1", "g3"], [2, 5, 3], [5000, 4000, 0], [5000, 16000, 0]),
        "assignee": rows(["สมชาย", "สมศรี", "มานะ", "สมหญิง"], [5, 6, 1, 2], [4500, 4500, 900, 200],
                         [9000, 9000, 1000, 1000]),
    })


REVIEW_EN = [
    "Members who repaid with the pool re-borrowed: counted as refinanced, never as cash recovered",
    "Refinanced through the pool: 1 members, 600.00 baht",
    "Plan members missing from the later ledger (21): " + ", ".join(f"{i:05d}" for i in range(3, 23)),
    "", "By technique",
    "  1 sieving: 1,500.50 baht / 2,500.50 baht (60.0%, 6 members; Refinanced 600.00 baht)",
    "  4 pooling: 20.00 baht / 200.00 baht (10.0%, 2 members; Refinanced 0.00 baht)",
    "  not set: 10.00 baht / 10.00 baht (100.0%, 1 members; Refinanced 0.00 baht)",
    "", "By tier",
    "  notified: 10.00 baht / 30.00 baht (33.3%, 7 members; Refinanced 0.00 baht)",
    "  ตามใจ: 0.00 baht / 5.00 baht (0.0%, 1 members; Refinanced 0.00 baht)",
    "", "By group (group leader)",
    "  g2: 50.00 baht / 50.00 baht (100.0%, 2 members; Refinanced 0.00 baht)",
    "  g1: 40.00 baht / 160.00 baht (25.0%, 5 members; Refinanced 0.00 baht)",
    "  g3: 0.00 baht / 0.00 baht (0.0%, 3 members; Refinanced 0.00 baht)",
    "", "By person assigned",
    "  สมชาย: 45.00 baht / 90.00 baht (50.0%, 5 members; Refinanced 0.00 baht)",
    "  สมศรี: 45.00 baht / 90.00 baht (50.0%, 6 members; Refinanced 0.00 baht)",
    "  มานะ: 9.00 baht / 10.00 baht (90.0%, 1 members; Refinanced 0.00 baht)",
    "  สมหญิง: 2.00 baht / 10.00 baht (20.0%, 2 members; Refinanced 0.00 baht)",
    "",
]
# the best: no value "" nor nothing owed then; 5 members or more first, then the rate, then the members
BEST_EN = [
    "Best practice: the highest recovery rates",
    "Rate = cash recovered ÷ overdue then of the plan's members; a rate behind fewer than 5 members proves nothing "
    "yet and ranks last",
    "By technique", "  1 sieving: 60.0% (6 members)", "  4 pooling: 10.0% (2 members, too few to tell)",
    "By group (group leader)", "  g1: 25.0% (5 members)", "  g2: 100.0% (2 members, too few to tell)",
    "By person assigned", "  สมศรี: 50.0% (6 members)", "  สมชาย: 50.0% (5 members)",
    "  มานะ: 90.0% (1 members, too few to tell)", "  สมหญิง: 20.0% (2 members, too few to tell)",
]


def test_the_plan_s_review_as_text_line_for_line():
    review = review_of()
    assert best_lines(review, "en") == BEST_EN
    assert review_lines(review, "en") == REVIEW_EN + BEST_EN


def test_the_review_in_thai_and_without_members_missing():
    review = review_of()
    review.members["missing"] = False
    lines = review_lines(review, "th")
    assert lines[:3] == [t("fu_refinanced_note", "th"), "กู้ใหม่ผ่านกองทุน 1 ราย 600.00 บาท", ""]
    assert lines[4] == "  1 ร่อนตะแกรง: 1,500.50 บาท / 2,500.50 บาท (60.0%, 6 คน; กู้ใหม่ผ่านกองทุน 600.00 บาท)"
    assert "  g1: 25.0% (5 ราย)" in lines and "  g2: 100.0% (2 ราย ยังน้อยเกินสรุป)" in lines
    assert "  ไม่ระบุ: 10.00 บาท / 10.00 บาท (100.0%, 1 คน; กู้ใหม่ผ่านกองทุน 0.00 บาท)" in lines
    assert "  แจ้งแล้ว: 10.00 บาท / 30.00 บาท (33.3%, 7 คน; กู้ใหม่ผ่านกองทุน 0.00 บาท)" in lines  # a code, in words
    assert best_lines(review, "th")[3] == "  1 ร่อนตะแกรง: 60.0% (6 ราย)"


def judged_of(promises: bool = True) -> Judged:
    """What was done by hand: a letter (technique 1) recovering 60 %, a pool repayment refinanced, three untreated
    debtors recovering a third; promises kept, broken and not yet due."""
    by_action = pd.DataFrame({
        "kind": ["letter_sent", "pool_repaid", "contact"], "technique": [1, 0, 0], "members": [2, 1, 1234],
        "overdue_then": [250050, 60000, 100000], "recovered": [150050, 0, 1000], "refinanced": [0, 60000, 0],
        "rate": [150050 / 250050, 0.0, 0.01], "uplift": [150050 / 250050 - 1 / 3, -1 / 3, 0.01 - 1 / 3],
        "member_list": [["1", "2"], ["3"], ["4"]]})
    untreated = {"members": 3, "overdue_then": 30000, "recovered": 10000, "refinanced": 0, "rate": 1 / 3,
                 "member_list": ["5", "6", "7"]}
    rows = [("00002", date(2024, 4, 2), date(2024, 5, 15), 30000, 10000, "broken"),
            ("00001", date(2024, 4, 1), date(2024, 5, 1), 20000, 20000, "kept"),
            ("00008", date(2024, 6, 1), date(2024, 7, 31), 50000, 0, "pending"),
            ("00009", date(2024, 4, 3), date(2024, 6, 1), 4500, 0, "broken")] if promises else []
    frame = pd.DataFrame(rows, columns=["member", "date", "promised_date", "amount", "paid", "state"])
    return Judged(by_action, untreated, frame)


RECORD_EN = [
    "Recovered by what was actually done, beside the untreated debtors (recovered / overdue then)",
    "  No action recorded: 100.00 baht / 300.00 baht (33.3%, 3 members)",
    "  Letter sent (1 sieving): 1,500.50 baht / 2,500.50 baht (60.0%, 2 members) (+26.7 points against no action)",
    "  Repaid through the pool: 0.00 baht / 600.00 baht (0.0%, 1 members) (Refinanced 600.00 baht) "
    "(-33.3 points against no action)",
    "  Contact: 10.00 baht / 1,000.00 baht (1.0%, 1,234 members) (-32.3 points against no action)",
    "", "Promises: kept 1 (200.00 baht), broken 2 (345.00 baht), not yet due 1",
    "  Broken 00002: due 15 May 2024, promised 300.00 baht, fell by 100.00 baht",
    "  Broken 00009: due 01 Jun 2024, promised 45.00 baht, fell by 0.00 baht",
]


def test_what_was_done_as_text_line_for_line():
    assert record_lines(judged_of(), "en") == RECORD_EN
    assert record_lines(judged_of(promises=False), "en")[-1] == \
        "Promises: kept 0 (0.00 baht), broken 0 (0.00 baht), not yet due 0"
    assert record_lines(judged_of(), "th")[2] == \
        "  ส่งหนังสือแล้ว (1 ร่อนตะแกรง): 1,500.50 บาท / 2,500.50 บาท (60.0%, 2 คน) (ต่างจากที่ไม่ได้ดำเนินการ +26.7 จุด)"
    assert record_lines(judged_of(), "th")[-2] == "  ผิดนัด 00002: นัด 15 พ.ค. 2567 ยอด 300.00 บาท ลดลงจริง 100.00 บาท"


def test_the_text_report_holds_the_record_then_the_review():
    base = format_text(comparison(), None, "en").splitlines()
    both = format_text(comparison(), review_of(), "en", judged_of()).splitlines()
    assert both == [*base, "", *RECORD_EN, "", *REVIEW_EN, *BEST_EN]
    assert format_text(comparison(), review_of(), "en").splitlines() == [*base, "", *REVIEW_EN, *BEST_EN]
    assert format_text(comparison(), None, "en", judged_of()).splitlines() == [*base, "", *RECORD_EN]


def test_the_follow_up_as_json_with_the_record_and_the_plan():
    got = as_json(comparison(), review_of(), label=lambda m: f"A{m}", judged=judged_of())
    plain = as_json(comparison(), label=lambda m: f"A{m}")
    assert {k: got[k] for k in plain} == plain
    assert got["by_action"] == [
        {"kind": "letter_sent", "technique": 1, "members": 2, "overdue_then": 2500.5, "recovered": 1500.5,
         "refinanced": 0.0, "rate": 0.6001, "member_list": ["A1", "A2"], "uplift": 0.2667},
        {"kind": "pool_repaid", "technique": None, "members": 1, "overdue_then": 600.0, "recovered": 0.0,
         "refinanced": 600.0, "rate": 0.0, "member_list": ["A3"], "uplift": -0.3333},
        {"kind": "contact", "technique": None, "members": 1234, "overdue_then": 1000.0, "recovered": 10.0,
         "refinanced": 0.0, "rate": 0.01, "member_list": ["A4"], "uplift": -0.3233}]
    assert got["untreated"] == {"members": 3, "overdue_then": 300.0, "recovered": 100.0, "refinanced": 0.0,
                                "rate": 0.3333, "member_list": ["A5", "A6", "A7"]}
    assert got["promises"] == {
        "kept": 1, "broken": 2, "pending": 1, "kept_amount": 200.0, "broken_amount": 345.0,
        "broken_list": [{"member": "A00002", "date": "2024-04-02", "promised_date": "2024-05-15", "amount": 300.0,
                         "paid": 100.0},
                        {"member": "A00009", "date": "2024-04-03", "promised_date": "2024-06-01", "amount": 45.0,
                         "paid": 0.0}]}
    plan = got["plan"]
    assert plan["refinanced"] == {"members": 1, "amount": 600.0}
    assert plan["missing"] == [{"member": f"A{i:05d}", "overdue_then": 10.0} for i in range(3, 24)]
    assert list(plan) == ["refinanced", "missing", "by_technique", "by_tier", "by_group", "by_assignee"]
    assert plan["by_technique"] == [
        {"value": "1", "members": 6, "cleared": 1, "refinanced_members": 1, "missing": 0, "overdue_then": 2500.5,
         "overdue_now": 0.07, "recovered": 1500.5, "refinanced": 600.0, "rate": 0.6001},
        {"value": "4", "members": 2, "cleared": 0, "refinanced_members": 0, "missing": 0, "overdue_then": 200.0,
         "overdue_now": 0.07, "recovered": 20.0, "refinanced": 0.0, "rate": 0.1},
        {"value": "", "members": 1, "cleared": 0, "refinanced_members": 0, "missing": 2, "overdue_then": 10.0,
         "overdue_now": 0.07, "recovered": 10.0, "refinanced": 0.0, "rate": 1.0}]
    best = got["best_practice"]
    assert best["min_members"] == 5 and best["untreated_rate"] == 0.3333
    assert best["action"] == [  # the pool repayment is refinancing, never ranked
        {"kind": "contact", "technique": None, "members": 1234, "rate": 0.01, "uplift": -0.3233, "enough": True},
        {"kind": "letter_sent", "technique": 1, "members": 2, "rate": 0.6001, "uplift": 0.2667, "enough": False}]
    assert [(r["value"], r["members"], r["rate"], r["enough"]) for r in best["group"]] == \
        [("g1", 5, 0.25, True), ("g2", 2, 1.0, False)]
    assert list(best) == ["min_members", "untreated_rate", "action", "technique", "group", "assignee"]
    assert "refinanced" in best["technique"][0] and "enough" not in plan["by_group"][0]


def test_the_json_with_the_plan_only_or_the_record_only():
    only_plan = as_json(comparison(), review_of())
    assert "by_action" not in only_plan and "untreated_rate" not in only_plan["best_practice"]
    assert only_plan["plan"]["missing"][0] == {"member": "00003", "overdue_then": 10.0}
    only_record = as_json(comparison(), judged=judged_of())
    assert "plan" not in only_record and list(only_record["best_practice"]) == ["min_members", "untreated_rate", "action"]
    assert only_record["by_action"][0]["member_list"] == ["1", "2"]


def test_the_thai_text_names_who_joined_and_left_and_keeps_a_bucket_of_its_own_as_written():
    members = MEMBERS.assign(bucket_now=["not_due", "1-30", "left", "400-500", "1-30"])
    lines = format_text(Comparison(date(2024, 3, 31), date(2024, 6, 30), members, (*BUCKETS, "400-500")), None)
    assert lines.splitlines()[-5:] == ["  1-30 วัน → 400-500: 1", "  1-30 วัน → ไม่อยู่ในทะเบียนใหม่: 1",
                                       "  31-90 วัน → 1-30 วัน: 1", "  91-180 วัน → ยังไม่ถึงกำหนด: 1",
                                       "  เข้ามาใหม่ → 1-30 วัน: 1"]


BEST_ROWS_EN = [("By technique: 1 sieving", "60.0% (6 members)"),
                ("By technique: 4 pooling", "10.0% (2 members, too few to tell)"),
                ("By group (group leader): g1", "25.0% (5 members)"),
                ("By group (group leader): g2", "100.0% (2 members, too few to tell)"),
                ("By person assigned: สมศรี", "50.0% (6 members)"), ("By person assigned: สมชาย", "50.0% (5 members)"),
                ("By person assigned: มานะ", "90.0% (1 members, too few to tell)")]  # the best three of each


def test_the_board_s_one_page_with_the_plan_s_best_rates():
    plain = summary_rows(comparison(), None, "en")
    assert summary_rows(comparison(), review_of(), "en") == plain + BEST_ROWS_EN
    thai = summary_rows(comparison(), review_of(), "th")
    assert thai[-7] == ("ผลตามเทคนิค: 1 ร่อนตะแกรง", "60.0% (6 ราย)") and thai[-1] == (
        "ผลตามผู้รับผิดชอบ: มานะ", "90.0% (1 ราย ยังน้อยเกินสรุป)")
    sheet = load_workbook(io.BytesIO(summary_xlsx(comparison(), review_of(), None)))["สรุป"]
    assert list(sheet.values)[:3] == [("รายการ", "จำนวน"), ("สรุปผลการติดตามเร่งรัดหนี้", None),
                                      ("ทะเบียน ณ วันที่ 31 มี.ค. 2567 เทียบกับ ณ วันที่ 30 มิ.ย. 2567", None)]
    assert list(sheet.values)[3:] == summary_rows(comparison(), review_of())


def shape(paragraph) -> tuple:
    """A paragraph's text, bold, centred and size in points."""
    run = paragraph.runs[0]
    return paragraph.text, bool(run.bold), paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER, run.font.size.pt


def test_the_board_s_word_page_with_the_plan():
    doc = Document(io.BytesIO(summary_docx(comparison(), review_of(), "สหกรณ์ ก")))
    assert [shape(p) for p in doc.paragraphs] == [
        ("สรุปผลการติดตามเร่งรัดหนี้", True, True, 20.0), ("สหกรณ์ ก", True, True, 16.0),
        ("ทะเบียน ณ วันที่ 31 มีนาคม 2567 เทียบกับ ณ วันที่ 30 มิถุนายน 2567", False, True, 16.0),
        (t("fu_refinanced_note"), False, False, 16.0), (t("fu_best_note", n=5), False, False, 16.0)]
    assert [[c.text for c in row.cells] for row in doc.tables[0].rows][1:] == [
        list(r) for r in summary_rows(comparison(), review_of())]
    english = Document(io.BytesIO(summary_docx(comparison(), review_of(), None, "en"))).paragraphs
    assert [p.text for p in english][-2:] == [
        "Members who repaid with the pool re-borrowed: counted as refinanced, never as cash recovered",
        "Rate = cash recovered ÷ overdue then of the plan's members; a rate behind fewer than 5 members proves nothing "
        "yet and ranks last"]
