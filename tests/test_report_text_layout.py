"""The text report's every line, from a small summary written by hand: what each section says, in which
language, in which column, and where a list is cut."""

from __future__ import annotations

import copy

from kmdash.report.text import fit, format_report, right, technique_text, width
from kmdash.techniques.base import Evidence, Question, Score

GROUPS = [{"group": f"G{n:02}", "members": 10 * n, "members_overdue": n, "overdue": 1000.0 * n, "share": 0.05}
          for n in range(1, 18)]  # 17 groups: 15 listed and "2 more"
SKIPPED = [{"row": 10 + n, "code": "blank", "field": "", "detail": ""} for n in range(16)]  # 15 listed, 1 more

SUMMARY = {
    "file": "ledger.xlsx", "sheet": "2567", "sheets": ["2567", "notes"], "sheets_read": ["2567"],
    "sheets_left": [], "as_of": "2024-03-31", "as_of_source": "option",
    "rows": {"read": 1234, "loans": 1200, "skipped": 34},
    "members": 1500, "members_overdue": 321, "long_overdue_days": 180, "members_long_overdue": 45,
    "outstanding": 1234567.5, "overdue": 98765.43, "interest_arrears": 0.0, "par30": 0.125, "par90": 0.08,
    "reconciliation": {"has_total": True, "matches": False,
                       "differences": {"outstanding": -0.01, "principal_overdue": 0.0, "penalty": 1234.5}},
    "techniques": [{"number": 3, "name_th": "ติดตาม", "name_en": "Assigned follow-up", "score": 0.456,
                    "evidence": [{"th": "หลักฐาน", "en": "one reading"}],
                    "unknown": [{"th": "คำถาม", "en": "a question?"}]}],
    "aging": [{"bucket": "not_due", "loans": 1200, "members": 7, "overdue": 0.0},
              {"bucket": ">1095", "loans": 3, "members": 2, "overdue": 1234567.5}],
    "by_group": GROUPS,
    "by_status": [{"status": "legal", "loans": 2, "members": 1, "overdue": 10.0}],
    "classes": {
        "rows": [{"names": {"th": "ต่ำกว่ามาตรฐาน", "en": "Substandard"}, "loans": 5, "members": 4,
                  "outstanding": 500.0, "principal_overdue": 50.0, "allowance": None},
                 {"names": {"th": "สงสัย", "en": "Doubtful"}, "loans": 6, "members": 3,
                  "outstanding": 600.0, "principal_overdue": 60.0, "allowance": 12.5}],
        "unclassified": {"names": {"th": "ไม่เข้าชั้น", "en": "In no class"}, "loans": 7, "members": 2,
                         "outstanding": 700.0, "principal_overdue": 70.0, "allowance": None},
        "allowance": 12.5, "non_accrual": {"members": 3, "interest_arrears": None},
        "source": {"regulation": {"th": "ระเบียบ", "en": "the rules"}},
        "notes": [{"th": "หมายเหตุ", "en": "a note"}]},
    "top_members": [{"member": "123456789", "name": "Somchai", "group": "G01", "days": 1234, "overdue": 5.0}],
    "loans_without_due_date": 1234,
    "keyed_by_name": {"unknown_headers": ["code", "no"], "shared": [{"header": "code", "names": 2}]},
    "unmapped_headers": ["arrears", "x"],
    "notes": [{"row": 7, "code": "bad_date", "field": "loan_date", "detail": "31/02/2567", "sheet": "2567"}],
    "skipped": SKIPPED,
}

ENGLISH = [
    "File: ledger.xlsx [2567]",
    "Sheets in the file: 2567, notes (one is read; choose with --sheet)",
    "As of: 31 Mar 2024 (set by option)",
    "Rows read 1,234: 1,200 loans used, 34 skipped",
    "Members: 1,500   Members overdue: 321   Overdue over 180 days: 45",
    "Principal outstanding: 1,234,567.50   Principal overdue: 98,765.43   Interest in arrears: 0.00",
    "PAR30: 12.5%   PAR90: 8.0%",
    "Reconciliation: differs from the file's grand total by outstanding -0.01, penalty +1,234.50",
    "",
    "Techniques for this ledger (score 0-1 from the ledger's figures, highest first)",
    "  0.46  Technique 3 Assigned follow-up",
    "        - one reading",
    "        ? Not answered (the score is of the ledger alone): a question?",
    "",
    "Overdue age (bucket / loans / members / overdue)",
    "  not due            1,200       7               0.00",
    "  over 3 years           3       2       1,234,567.50",
    "",
    "Member groups (group / overdue/members / overdue / share)",
    *[f"  G{n:02}" + " " * 25 + f" {n:>5}/{10 * n:<5} {1000 * n:>15,}.00    5.0%" for n in range(1, 16)],
    "  … and 2 more",
    "",
    "Debt status (status / loans / members / overdue)",
    "  sued                         2       1              10.00",
    "",
    "Loan-quality classes (class / loans / members / outstanding / overdue / allowance)",
    "  Substandard                  5       4             500.00              50.00  rate not set",
    "  Doubtful                     6       3             600.00              60.00  12.50",
    "  In no class                  7       2             700.00              70.00  -",
    "  Allowance in all (the classes with a rate): 12.50 baht",
    "  Debtors whose interest is no longer recognised as income: 3",
    "  Default rules from the rules; the provision rates are the co-op's, as its auditor applies them",
    "  a note",
    "",
    "The 1 largest overdue members (member / name / group / days / overdue)",
    "  1234567… Somchai" + " " * 21 + " G01" + " " * 25 + "  1,234             5.00",
    "",
    "1,234 loans have no due date: counted in the outstanding, never as overdue",
    "",
    "No member-number column: names were used as member numbers; unknown headers: code, no",
    "2 names carry different values in 'code': maybe different people; map that column to member_no",
    "",
    'Unknown headers (not used): arrears, x — map with --map "HEADER=field"',
    "",
    "Used rows with a cell left blank (1)",
    "  2567 row 7: date cannot be read (Loan date): '31/02/2567' (left blank)",
    "",
    "Skipped rows (16):",
    *[f"  row {10 + n}: blank row" for n in range(15)],
    "  … and 1 more",
]


def with_(**changes) -> dict:
    return copy.deepcopy(SUMMARY) | changes


def test_every_line_of_the_english_report():
    assert format_report(SUMMARY, "en").splitlines() == ENGLISH


def test_the_thai_report_says_the_same_in_thai_with_buddhist_era_dates():
    lines = format_report(SUMMARY, "th").splitlines()
    assert lines[:3] == ["ไฟล์: ledger.xlsx [2567]",
                         "แผ่นงานในไฟล์: 2567, notes (อ่านทีละแผ่น เลือกด้วย --sheet)",
                         "ณ วันที่: 31 มี.ค. 2567 (กำหนดเอง)"]
    assert "  0.46  เทคนิคที่ 3 ติดตาม" in lines and "        - หลักฐาน" in lines
    assert "        ? ยังไม่ได้ตอบ (คะแนนคิดจากทะเบียนเท่านั้น): คำถาม" in lines
    assert "  ยังไม่ถึงกำหนด" + " " * 5 + "   1,200       7               0.00" in lines
    assert "  ดำเนินคดี / ฟ้องแล้ว" + " " * 6 + "       2       1              10.00" in lines
    assert "  ต่ำกว่ามาตรฐาน" + " " * 10 + "       5       4             500.00              50.00  ยังไม่ได้ตั้งอัตรา" in lines
    assert "  ไม่เข้าชั้น" + " " * 15 + "       7       2             700.00              70.00  -" in lines
    assert "  หมายเหตุ" in lines and "  … และอีก 2 รายการ" in lines and "  … และอีก 1 รายการ" in lines
    assert "  2567 แถว 7: อ่านวันที่ไม่ได้ (วันที่กู้): '31/02/2567' (เว้นว่าง)" in lines
    assert "  แถว 10: แถวว่าง" in lines and "แถวที่ข้าม 16 แถว:" in lines
    assert "Technique" not in "\n".join(lines) and "blank row" not in "\n".join(lines)


def test_sheets_read_together_are_named_with_those_left_and_why():
    s = with_(sheets_read=["2567", "2566"], sheets_left=[{"sheet": "old", "why": "other_date"},
                                                         {"sheet": "x", "why": "hidden"}])
    assert format_report(s, "en").splitlines()[1:3] == [
        "2 sheets read together: 2567, 2566", "Sheets not read: old (another date), x (hidden)"]
    alone = format_report(with_(sheets_read=["2567", "2566"]), "en").splitlines()
    assert alone[1:3] == ["2 sheets read together: 2567, 2566", "As of: 31 Mar 2024 (set by option)"]


def test_one_sheet_file_says_nothing_of_sheets():
    lines = format_report(with_(sheet="", sheets=["2567"]), "en").splitlines()
    assert lines[:2] == ["File: ledger.xlsx", "As of: 31 Mar 2024 (set by option)"]


def test_the_reconciliation_line_says_matches_or_no_total():
    matching = with_(reconciliation={"has_total": True, "matches": True, "differences": {"outstanding": 0.0}})
    assert format_report(matching, "en").splitlines()[7] == "Reconciliation: matches the file's grand total"
    none = with_(reconciliation={"has_total": False, "matches": None, "differences": {}})
    assert format_report(none, "en").splitlines()[7] == "Reconciliation: the file has no grand total"


def test_a_total_row_without_amounts_is_not_called_a_difference():
    empty = with_(reconciliation={"has_total": True, "matches": None, "differences": {}})
    assert format_report(empty, "en").splitlines()[7] == "Reconciliation: the file has no grand total"


def test_sections_with_nothing_to_say_are_left_out():
    s = with_(by_status=[], top_members=[], loans_without_due_date=0, keyed_by_name=None, unmapped_headers=[],
              notes=[], skipped=[], by_group=GROUPS[:15], par30=None, par90=None)
    s["classes"] |= {"allowance": None, "notes": [], "non_accrual": {"members": 0, "interest_arrears": 1.5}}
    lines = format_report(s, "en").splitlines()
    assert lines[6] == "PAR30: -   PAR90: -"
    assert lines[lines.index("Member groups (group / overdue/members / overdue / share)") + 16:] == [
        "",
        "Loan-quality classes (class / loans / members / outstanding / overdue / allowance)",
        "  Substandard                  5       4             500.00              50.00  rate not set",
        "  Doubtful                     6       3             600.00              60.00  12.50",
        "  In no class                  7       2             700.00              70.00  -",
        "  Debtors whose interest is no longer recognised as income: 0 (interest in arrears 1.50 baht)",
        "  Default rules from the rules; the provision rates are the co-op's, as its auditor applies them"]


def test_a_technique_alone_lists_the_members_it_applies_to_the_first_fifty():
    score = Score(2, 0.5, (Evidence("ev_groups_overdue", {"members": 3, "n": 2}),),
                  unknown=(Question("q", "ถาม", "asked"),))
    members = [f"{n:05}" for n in range(1, 53)]
    lines = technique_text(score, members, "en").splitlines()
    assert lines[:4] == ["  0.50  Technique 2 Group-leader power",
                         "        - 3 overdue members in 2 member groups",
                         "        ? Not answered (the score is of the ledger alone): asked",
                         "  applies to 52 members"]
    assert lines[4:] == [f"    {m}" for m in members[:50]] + ["  … and 2 more"]
    assert technique_text(score, members[:50], "th").splitlines()[-2:] == ["    00049", "    00050"]
    assert technique_text(score, [], "th").splitlines()[-1] == "  ใช้กับสมาชิก 0 คน"


def test_a_name_is_cut_and_padded_to_its_columns_by_display_width():
    assert (fit("abc", 5), fit("abcde", 5), fit("abcdef", 5)) == ("abc  ", "abcde", "abcd…")
    assert fit("กลุ่มที่ 5", 4) == "กลุ่ม…"  # ก ล ม take a column each, the vowel and tone marks none
    assert fit("กลุ่มที่", 6) == "กลุ่มที่  "
    assert (width("กลุ่มที่"), width("a\x07b"), width(""), width("\u0e48")) == (4, 3, 0, 0)  # a control character counts one
    assert (right("12", 5), right("123456", 5)) == ("   12", "123456")


def test_thai_is_the_language_when_none_is_said():
    assert format_report(SUMMARY) == format_report(SUMMARY, "th")
    score = Score(2, 0.5, (Evidence("ev_groups_overdue", {"members": 3, "n": 2}),))
    assert technique_text(score, ["00001"]) == technique_text(score, ["00001"], "th")


def test_names_keyed_without_an_unknown_header_say_so_with_a_dash():
    s = with_(keyed_by_name={"unknown_headers": [], "shared": []})
    assert ("No member-number column: names were used as member numbers; unknown headers: -"
            in format_report(s, "en").splitlines())
