"""T5's announcement (.docx) for the board to sign, paragraph for paragraph and table for table: the draft heading
while the criteria are the example, each criterion in use (one without data said so, one switched off left out),
the grades with their points and welfare, the ledger's date and the three signatures."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from types import SimpleNamespace

import pandas as pd
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from kmdash.i18n import t
from kmdash.report.grading.announcement import SIGNERS, announcement
from kmdash.report.grading import grades as words
from kmdash.report.grading.grades import criterion_lines, grade_range, max_points, welfare_text
from kmdash.settings import ACTIVITIES, DAYS, LEGAL, LOANS_OVERDUE, SHARE, Criterion, Grade, GradingRules, Welfare
from kmdash.techniques.grading.grades import Grading


def grading(approved: bool = False) -> Grading:
    rules = GradingRules(approved=approved)
    first, second, *rest = rules.criteria
    if approved:  # the second criterion switched off
        rules = replace(rules, criteria=(first, replace(second, enabled=False), *rest))
    used = tuple(c for c in rules.criteria if c.enabled)
    return Grading(rules, used[1:], pd.DataFrame(), 0, unmeasured=used[:1])


def read(data: bytes):
    return Document(io.BytesIO(data))


def shape(paragraph) -> tuple:
    """What a paragraph says and how: text, bold, centred, size in points."""
    run = paragraph.runs[0] if paragraph.runs else None
    return (paragraph.text, bool(run and run.bold), paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER,
            run.font.size.pt if run else None)


def expected_paragraphs(g: Grading, coop: str, lang: str, draft: bool) -> list[tuple]:
    lines = [(t("grading_ann_draft", lang), True, True, 20.0)] if draft else []
    lines += [(t("grading_ann_title", lang, coop=coop), True, True, 20.0), (t("grading_ann_subject", lang), True, True, 16.0),
              (t("grading_ann_intro", lang), False, False, 16.0),
              (t("grading_ann_criteria", lang, n=max_points(g)), True, False, 16.0)]
    lines += [(c.name(lang) + (f" — {t('grading_not_measured_one', lang)}" if c in g.unmeasured else ""), True, False, 16.0)
              for c in g.rules.criteria if c.enabled]
    lines += [(t("grading_ann_grades", lang), True, False, 16.0),
              (t("grading_ann_data", lang, date="31 March 2024" if lang == "en" else "31 มีนาคม 2567"), False, False, 16.0),
              (t("grading_ann_announced", lang), False, True, 16.0)]
    for role in ("grading_ann_chair", "grading_ann_secretary", "ann_manager"):
        lines += [("", False, False, 16.0), (t("ann_sign", lang), False, True, 16.0), (f"({t(role, lang)})", False, True, 16.0)]
    return lines


def test_the_draft_announcement_in_english_paragraph_for_paragraph():
    g = grading()
    doc = read(announcement(g, None, date(2024, 3, 31), "en"))
    assert [shape(p) for p in doc.paragraphs] == expected_paragraphs(g, "the co-operative", "en", draft=True)
    criteria = [c for c in g.rules.criteria if c.enabled]
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in doc.tables]
    assert tables == [[["Value", "Points"], *([b, str(p)] for b, p in criterion_lines(c, "en"))] for c in criteria] + [
        [["Grade", "Points", "Welfare"], *([x.name("en"), grade_range(g, i, "en"), welfare_text(x, "en").replace(" · ", "\n")]
                                          for i, x in enumerate(g.rules.grades))]]
    assert SIGNERS == ("grading_ann_chair", "grading_ann_secretary", "ann_manager")


def test_the_approved_announcement_in_thai_has_no_draft_and_leaves_a_switched_off_criterion_out():
    g = grading(approved=True)
    doc = read(announcement(g, "สหกรณ์ตัวอย่าง", date(2024, 3, 31)))
    assert [shape(p) for p in doc.paragraphs] == expected_paragraphs(g, "สหกรณ์ตัวอย่าง", "th", draft=False)
    assert len(doc.tables) == sum(c.enabled for c in g.rules.criteria) + 1 == len(g.rules.criteria)


# ---------------------------------------------------------------- the grading in words and tables


def test_points_and_thresholds_as_people_write_them():
    assert (words.number(20.0), words.number(2.456), words.number(-30)) == (20, 2.46, -30)
    assert isinstance(words.number(20.0), int) and isinstance(words.number(7), int)
    got = words.numbers([1.0, 2.5, 3.333])
    assert got == [1, 2.5, 3.33] and isinstance(got[0], int)


def test_each_example_criterion_s_bands_in_words_best_first_the_floor_last():
    assert criterion_lines(DAYS, "en") == [("0 days", 50), ("up to 90 days", 30), ("up to 365 days", 15),
                                           ("over 365 days", 0)]
    assert criterion_lines(SHARE, "en") == [("at least 20%", 30), ("at least 10%", 20), ("at least 5%", 10),
                                            ("under 5%", 0)]
    assert criterion_lines(ACTIVITIES, "en") == [("at least 3 activities", 20), ("at least 1 activities", 10),
                                                 ("under 1 activities, or not on the list", 0)]
    assert criterion_lines(LEGAL, "en") == [("0 loans", 0), ("over 0 loans", -30)]
    assert criterion_lines(LOANS_OVERDUE, "en") == [("0 loans", 20), ("up to 1 loans", 10), ("over 1 loans", 0)]
    assert criterion_lines(DAYS) == [("0 วัน", 50), ("ไม่เกิน 90 วัน", 30), ("ไม่เกิน 365 วัน", 15), ("เกิน 365 วัน", 0)]
    assert criterion_lines(ACTIVITIES)[-1] == ("ต่ำกว่า 1 กิจกรรม หรือไม่มีในรายชื่อ", 0)


def test_a_criterion_without_a_unit_or_with_fractions():
    plain = Criterion("extra", ((1, 10), (1234.567, 12.5)), higher_is_better=True, floor=-2.25)
    assert criterion_lines(plain, "en") == [("at least 1,234.57", 12.5), ("at least 1", 10),
                                            ("under 1, or not on the list", -2.25)]
    assert words.unit_word(plain) == "" and words.unit_word(DAYS, "en") == "days" and words.unit_word(SHARE) == "%"


GRADES = (Grade("excellent", 85, Welfare("ของที่ระลึก ", 500)), Grade("good", 65, Welfare("", 1234.5)),
          Grade("fair", 40, Welfare("  ")), Grade("improve", 0))


def test_welfare_and_grade_ranges_in_words():
    assert [welfare_text(g, "en") for g in GRADES] == ["ของที่ระลึก · 500.00 baht", "1,234.50 baht",
                                                       "for the board to decide", "for the board to decide"]
    assert welfare_text(GRADES[0]) == "ของที่ระลึก · 500.00 บาท"
    g = Grading(GradingRules(grades=GRADES), (DAYS, SHARE), pd.DataFrame(), 0)
    assert [grade_range(g, i, "en") for i in range(4)] == ["85 points or more", "65 points or more",
                                                           "40 points or more", "under 40 points"]
    assert grade_range(g, 3) == "ต่ำกว่า 40 คะแนน" and max_points(g) == 80
    two = Grading(GradingRules(grades=(Grade("pass", 50), Grade("fail", 0))), (), pd.DataFrame(), 0)
    assert [grade_range(two, i, "en") for i in range(2)] == ["50 points or more", "under 50 points"]
    alone = Grading(GradingRules(grades=(Grade("only", 0.5),)), (), pd.DataFrame(), 0)
    assert grade_range(alone, 0, "en") == "0.5 points or more" and max_points(alone) == 0


def test_whose_criteria_and_which_are_not_measured():
    example = Grading(GradingRules(), (DAYS,), pd.DataFrame(), 0, unmeasured=(ACTIVITIES, LEGAL))
    assert words.status_line(example, "en").startswith("The program's example criteria, not approved")
    assert words.unmeasured_line(example, "en") == ("Not measured (no data, no points): Taking part in the "
                                                    "group's activities (activities attended), Loans under legal action")
    board = Grading(GradingRules(approved=True), (DAYS,), pd.DataFrame(), 0)
    assert words.status_line(board, "en") == "The board's criteria" and words.unmeasured_line(board) is None


MEMBERS = pd.DataFrame({
    "member_no": ["00001", "00002", "00003", "00004"], "name": ["ก", "ข", "ค", "ง"], "group": ["g1", "g1", "g2", "g2"],
    "days": [0, 200, 100, 400], "pts_days": [50.0, 15.0, 30.0, 0.0],
    "share_ratio": [25.0, 12.0, 6.0, 1.0], "pts_share_ratio": [30.0, 20.0, 10.0, 0.0],
    "points": [80.0, 35.0, 40.0, 0.0], "grade": [0, 3, 2, 3],
    "lift": pd.Series([None, "days", "share_ratio", None], dtype=object), "lift_to": [None, 90.0, 10.0, None],
    "lift_gain": [0.0, 15.0, 10.0, 0.0], "lift_enough": [False, True, False, False]})


def members_grading(unmatched: int = 0) -> Grading:
    return Grading(GradingRules(grades=GRADES), (DAYS, SHARE), MEMBERS, unmatched)


def test_each_member_s_lift_in_words():
    assert words.lift_texts(members_grading(), "en").tolist() == [
        "top grade", "Days overdue (the oldest loan): up to 90 days (+15 points)",
        "Share capital against what the member owes: at least 10% (+10 points); not yet the next grade", "-"]
    assert words.lift_texts(members_grading()).tolist()[1] == "จำนวนวันค้างชำระ (สัญญาที่ค้างนานที่สุด) ไม่เกิน 90 วัน (+15 คะแนน)"


def test_the_members_table_and_its_csv():
    table = words.members_table(members_grading(), "en")
    assert list(table.columns) == ["member_no", "name", "group", "Days overdue (the oldest loan)",
                                   "Share capital against what the member owes", "points", "grade", "lift"]
    assert table["Days overdue (the oldest loan)"].tolist() == [50, 15, 30, 0]
    assert table["points"].tolist() == [80, 35, 40, 0] and table["grade"].tolist() == [
        "Excellent", "Needs improvement", "Fair", "Needs improvement"]
    lines = words.members_csv(members_grading(), "en").decode("utf-8-sig").splitlines()
    assert lines[0] == ("Member no.,Name,Group,Days overdue (the oldest loan),Share capital against what the "
                        "member owes,Points,Grade,Lifted a grade by")
    assert lines[1] == "00001,ก,g1,50,30,80,Excellent,top grade"
    assert words.members_csv(members_grading()).startswith("\ufeffเลขสมาชิก,ชื่อ - สกุล,กลุ่ม".encode())


def test_the_counts_per_grade():
    counts = words.counts_table(members_grading(), "en")
    assert counts.to_dict("list") == {
        "grade": ["Excellent", "Good", "Fair", "Needs improvement"],
        "min_points": ["85 points or more", "65 points or more", "40 points or more", "under 40 points"],
        "members": [1, 0, 1, 2],
        "welfare": ["ของที่ระลึก · 500.00 baht", "1,234.50 baht", "for the board to decide", "for the board to decide"]}


RESULT = SimpleNamespace(file="a.xlsx", ledger=SimpleNamespace(coop="สหกรณ์ ก"), as_of=date(2024, 3, 31))


def test_the_grading_text_in_english_line_for_line():
    example = t("grading_example", "en")
    band = [f"    {b:<30} {f'{p} points':>10}" for b, p in [("0 days", 50), ("up to 90 days", 30), ("up to 365 days", 15),
                                                            ("over 365 days", 0)]]
    share = [f"    {b:<30} {f'{p} points':>10}" for b, p in [("at least 20%", 30), ("at least 10%", 20),
                                                            ("at least 5%", 10), ("under 5%", 0)]]
    grades = [("Excellent", "85 points or more", 1, "ของที่ระลึก · 500.00 baht"), ("Good", "65 points or more", 0, "1,234.50 baht"),
              ("Fair", "40 points or more", 1, "for the board to decide"),
              ("Needs improvement", "under 40 points", 2, "for the board to decide")]
    assert words.grading_text(RESULT, members_grading(3), "en").splitlines() == [
        "Member grading (technique 5)", "สหกรณ์ ก", "File: a.xlsx", "As of: 31 Mar 2024", "", example, "",
        "Criteria and points (at most 80)", "  Days overdue (the oldest loan)", *band,
        "  Share capital against what the member owes", *share, "", "Grades (grade / points / members / welfare)",
        *[line for g, r, n, w in grades for line in (f"  {g:<18} {r:<18} {n:>8} members", f"      {w}")],
        "", "3 member numbers of the extra sheet are not in the ledger (not used)", "",
        "Each member's points, grade and what would lift it: --json or --csv FILE"]


def test_the_grading_text_without_criteria_coop_or_unmatched_says_so():
    bare = Grading(GradingRules(approved=True), (), MEMBERS, 0, unmeasured=(ACTIVITIES,))
    lines = words.grading_text(SimpleNamespace(file="b.csv", ledger=SimpleNamespace(coop=None), as_of=date(2024, 3, 31)),
                               bare, "en").splitlines()
    assert lines[:8] == ["Member grading (technique 5)", "File: b.csv", "As of: 31 Mar 2024", "", "The board's criteria", "",
                         "Criteria and points (at most 0)", "  No criterion in use: every member is in the last grade"]
    assert lines[8:10] == ["  Not measured (no data, no points): Taking part in the group's activities (activities attended)",
                           "  Participation: give a file of member numbers and activities attended (--activities FILE)"]
    assert lines[-2:] == ["", "Each member's points, grade and what would lift it: --json or --csv FILE"]


def test_the_grading_as_json():
    got = words.grading_json(RESULT, members_grading(2), "en")
    assert {k: got[k] for k in ("file", "coop", "as_of", "example", "max_points", "unmatched_extra", "not_measured")} == {
        "file": "a.xlsx", "coop": "สหกรณ์ ก", "as_of": "2024-03-31", "example": True, "max_points": 80,
        "unmatched_extra": 2, "not_measured": []}
    assert got["criteria"][1] == {"key": "share_ratio", "name": "Share capital against what the member owes", "unit": "%",
                                  "higher_is_better": True, "otherwise": 0,
                                  "bands": [{"threshold": 5, "points": 10}, {"threshold": 10, "points": 20},
                                            {"threshold": 20, "points": 30}]}
    assert got["grades"][:2] == [
        {"grade": "Excellent", "min_points": 85, "members": 1, "welfare": {"text": "ของที่ระลึก ", "amount": 500}},
        {"grade": "Good", "min_points": 65, "members": 0, "welfare": {"text": "", "amount": 1234.5}}]
    assert got["members"][:3] == [
        {"member": "00001", "name": "ก", "group": "g1", "points": 80, "grade": "Excellent", "lift": None},
        {"member": "00002", "name": "ข", "group": "g1", "points": 35, "grade": "Needs improvement",
         "lift": {"criterion": "days", "to": 90, "gain": 15, "enough": True}},
        {"member": "00003", "name": "ค", "group": "g2", "points": 40, "grade": "Fair",
         "lift": {"criterion": "share_ratio", "to": 10, "gain": 10, "enough": False}}]
    assert words.grading_json(RESULT, Grading(GradingRules(), (), MEMBERS, 0, (LEGAL,)))["not_measured"] == [
        {"key": "legal", "name": "สัญญาที่ถูกดำเนินคดี"}]


def test_the_grading_as_json_in_english_names_units_and_the_welfare_to_the_satang():
    rules = GradingRules(grades=(Grade("excellent", 85, Welfare("", 1234.567)), *GRADES[1:]))
    got = words.grading_json(RESULT, Grading(rules, (DAYS, SHARE), MEMBERS, 0, (ACTIVITIES,)), "en")
    assert [(c["key"], c["unit"]) for c in got["criteria"]] == [("days", "days"), ("share_ratio", "%")]
    assert got["not_measured"] == [{"key": "activities",
                                    "name": "Taking part in the group's activities (activities attended)"}]
    assert got["grades"][0]["welfare"] == {"text": "", "amount": 1234.57}


def test_the_grading_text_is_thai_by_default_with_the_buddhist_era_date():
    lines = words.grading_text(RESULT, members_grading()).splitlines()
    assert lines[:4] == ["การจัดชั้นสมาชิก (เทคนิคที่ 5)", "สหกรณ์ ก", "ไฟล์: a.xlsx", "ณ วันที่: 31 มี.ค. 2567"]


def test_each_member_keeps_their_own_lift_whatever_the_frame_s_order():
    shuffled = Grading(GradingRules(grades=GRADES), (DAYS, SHARE), MEMBERS.iloc[[3, 0, 2, 1]], 0)
    table = words.members_table(shuffled, "en")
    assert dict(zip(table["member_no"], table["lift"])) == {
        "00001": "top grade", "00002": "Days overdue (the oldest loan): up to 90 days (+15 points)",
        "00003": "Share capital against what the member owes: at least 10% (+10 points); not yet the next grade",
        "00004": "-"}


def test_the_announcement_puts_a_grade_s_welfare_words_and_amount_on_lines_of_their_own():
    rules = GradingRules(grades=GRADES, approved=True)
    doc = read(announcement(Grading(rules, (DAYS,), pd.DataFrame(), 0), "สหกรณ์ ก", date(2024, 3, 31), "en"))
    assert [[c.text for c in row.cells] for row in doc.tables[-1].rows][1:3] == [
        ["Excellent", "85 points or more", "ของที่ระลึก\n500.00 baht"], ["Good", "65 points or more", "1,234.50 baht"]]
