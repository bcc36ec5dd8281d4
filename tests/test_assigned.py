"""T3's tool, assigned follow-up: every overdue member to exactly one person, the balance bounds (random
ledgers), the CLI's JSON and text, the weekly workbook, and the page.

Expected figures never come from kmdash.techniques.assigned.assignment: debts are drawn in integer satang and the
loads, bounds and members are counted here; the CLI is checked against tests/support/figures.py's figures.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections import Counter, defaultdict
from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from kmdash.actions import checked as actions_checked, read_actions
from kmdash import record, store
from kmdash.errors import LedgerError
from kmdash.pipeline import run
from kmdash.report.escape import neutralise
from kmdash.report.assigned.rollup import rollup
from kmdash.report.assigned.weekly import week_dates, weekly_workbook
from kmdash.report.xlsx_text import sheet_titles, text_width
from kmdash.techniques.assigned.assignment import assign, plan_columns, staff_names

from .support.app import open_app_page
from .support.cli import assert_user_error
from .support.figures import expected_figures
from .support.ledgers import AS_OF, ROOT, XLSX

STAFF = ["สมชาย", "สมศรี", "มานพ"]


# ---------------------------------------------------------------- random ledgers


@st.composite
def ledgers(draw) -> tuple[pd.DataFrame, dict[str, int], dict[str, str]]:
    """A member table as analyse makes it (some members not overdue), with each overdue member's debt in
    satang and group, as drawn."""
    n = draw(st.integers(0, 40))
    debts = draw(st.lists(st.integers(1, 10**9), min_size=n, max_size=n))
    days = draw(st.lists(st.integers(0, 2000), min_size=n, max_size=n))
    groups = draw(st.lists(st.sampled_from(["กลุ่ม 1", "กลุ่ม 2", "B", "a", "(ไม่ระบุกลุ่ม)"]), min_size=n, max_size=n))
    members = pd.DataFrame({
        "member_no": [f"{i:05d}" for i in draw(st.permutations(range(n)))],
        "name": [f"สมาชิก {i}" for i in range(n)],
        "group": groups, "days": days,
        "overdue": [s / 100 if d > 0 else 0.0 for s, d in zip(debts, days)]})
    owing = {m: s for m, s, d in zip(members["member_no"], debts, days) if d > 0}
    return members, owing, dict(zip(members["member_no"], groups))


def checked(members: pd.DataFrame, owing: dict[str, int], k: int, balance: str, within: bool):
    """Assign and check what every assignment must be: each overdue member once, to one of the staff,
    and loads that are the sums of what each person got. Returns per person (members, satang)."""
    staff = [f"คนที่ {i}" for i in range(k)]
    result = assign(members, staff, balance, within)
    table = result.assignments
    assert sorted(table["member_no"]) == sorted(owing)
    assert set(table["assignee"]) <= set(staff)
    got: dict[str, list[int]] = {p: [0, 0] for p in staff}
    for m, p in zip(table["member_no"], table["assignee"]):
        got[p][0] += 1
        got[p][1] += owing[m]
    loads = result.loads
    assert list(loads["assignee"]) == staff
    assert [got[p][0] for p in staff] == list(loads["members"])
    assert [round(o * 100) for o in loads["overdue"]] == [got[p][1] for p in staff]
    return result, got


def spread(values) -> int:
    values = list(values)
    return max(values) - min(values)


@settings(max_examples=200, deadline=None)
@given(ledgers(), st.integers(1, 8))
def test_by_amount_no_total_exceeds_another_by_more_than_the_largest_debt(ledger, k):
    members, owing, _ = ledger
    _, got = checked(members, owing, k, "amount", False)
    assert spread(s for _, s in got.values()) <= max(owing.values(), default=0)


@settings(max_examples=200, deadline=None)
@given(ledgers(), st.integers(1, 8))
def test_by_count_loads_differ_by_at_most_one(ledger, k):
    members, owing, _ = ledger
    _, got = checked(members, owing, k, "count", False)
    assert spread(n for n, _ in got.values()) <= 1


@settings(max_examples=200, deadline=None)
@given(ledgers(), st.integers(1, 8), st.sampled_from(["amount", "count"]))
def test_within_group_each_group_has_one_person_and_the_group_bound_holds(ledger, k, balance):
    members, owing, group_of = ledger
    result, got = checked(members, owing, k, balance, True)
    people = defaultdict(set)
    for m, p in zip(result.assignments["member_no"], result.assignments["assignee"]):
        people[group_of[m]].add(p)
    assert all(len(p) == 1 for p in people.values())
    totals, sizes = Counter(), Counter()
    for m, s in owing.items():
        totals[group_of[m]] += s
        sizes[group_of[m]] += 1
    if balance == "amount":
        assert spread(s for _, s in got.values()) <= max(totals.values(), default=0)
    else:
        assert spread(n for n, _ in got.values()) <= max(sizes.values(), default=0)


@settings(max_examples=60, deadline=None)
@given(ledgers(), st.integers(1, 5), st.sampled_from(["amount", "count"]), st.booleans(), st.randoms())
def test_the_same_ledger_in_any_row_order_gets_the_same_assignment(ledger, k, balance, within, rnd):
    members = ledger[0]
    order = list(range(len(members)))
    rnd.shuffle(order)
    staff = [f"p{i}" for i in range(k)]
    first = assign(members, staff, balance, within)
    again = assign(members.iloc[order], staff, balance, within)
    pd.testing.assert_frame_equal(first.assignments, again.assignments)
    pd.testing.assert_frame_equal(first.loads, again.loads)


# ---------------------------------------------------------------- worked examples


def five() -> pd.DataFrame:
    """Debts of 50, 40, 30, 20 and 10 baht, member 00005 owing the most; one member not overdue."""
    return pd.DataFrame({"member_no": ["00001", "00002", "00003", "00004", "00005", "00006"],
                         "name": list("abcdef"), "group": ["g1", "g1", "g2", "g2", "g3", "g3"],
                         "days": [10, 20, 30, 40, 50, 0], "overdue": [10.0, 20.0, 30.0, 40.0, 50.0, 0.0]})


def pairs(result) -> list[tuple[str, str]]:
    return list(zip(result.assignments["member_no"], result.assignments["assignee"]))


def test_by_amount_largest_first_to_the_least_loaded_ties_to_the_first_named():
    # A 50; B 40; B 70 (30); A 70 (20); A and B tie at 70: A takes 10 -> A 80, B 70
    result = assign(five(), ["A", "B"])
    assert pairs(result) == [("00005", "A"), ("00004", "B"), ("00003", "B"), ("00002", "A"), ("00001", "A")]
    assert result.loads.to_dict("list") == {"assignee": ["A", "B"], "members": [3, 2], "overdue": [80.0, 70.0]}


def test_by_count_goes_round_and_back_in_debt_order():
    result = assign(five(), ["A", "B", "C"], "count")
    assert pairs(result) == [("00005", "A"), ("00004", "B"), ("00003", "C"), ("00002", "C"), ("00001", "B")]
    assert list(result.loads["members"]) == [1, 2, 2]


def test_within_group_places_the_largest_group_first():
    # g2 70, g3 50, g1 30: g2 -> A, g3 -> B, g1 -> B (50 < 70)
    result = assign(five(), ["A", "B"], within_group=True)
    assert dict(pairs(result)) == {"00005": "B", "00004": "A", "00003": "A", "00002": "B", "00001": "B"}
    assert list(result.loads["overdue"]) == [70.0, 80.0]


def test_ties_in_debt_go_by_member_number():
    members = pd.DataFrame({"member_no": ["00009", "00002", "00005"], "name": list("xyz"), "group": ["g"] * 3,
                            "days": [5, 5, 5], "overdue": [100.0, 100.0, 100.0]})
    assert pairs(assign(members, ["A", "B", "C"])) == [("00002", "A"), ("00005", "B"), ("00009", "C")]


def test_more_staff_than_debtors_and_no_debtors_at_all():
    result = assign(five(), ["A", "B", "C", "D", "E", "F", "G"])
    assert list(result.loads["members"]) == [1, 1, 1, 1, 1, 0, 0]
    nobody = assign(five().assign(days=0, overdue=0.0), ["A", "B"])
    assert nobody.assignments.empty and list(nobody.loads["overdue"]) == [0.0, 0.0]


def test_plan_columns_give_each_assigned_member_their_person():
    columns = plan_columns(assign(five(), ["A", "B"]))
    assert columns.index.name == "member_no" and list(columns.columns) == ["assignee"]
    assert columns.loc["00005", "assignee"] == "A" and "00006" not in columns.index


# ---------------------------------------------------------------- staff names


def test_staff_names_one_per_line_or_comma_separated_blank_lines_skipped():
    assert staff_names("สมชาย\n\n สมศรี , มานพ \n") == ["สมชาย", " สมศรี ", " มานพ "]
    assert list(assign(five(), staff_names(" สมศรี , มานพ")).loads["assignee"]) == ["สมศรี", "มานพ"]


@pytest.mark.parametrize("staff, th, en", [
    ([], "ไม่มีชื่อผู้รับผิดชอบ", "no staff names"),
    (["A", " "], "ที่ว่าง", "empty staff name"),
    (["สมชาย", " สมชาย "], "ซ้ำ", "repeated"),
    (["Somchai", "SOMCHAI"], "ซ้ำ", "repeated"),
    (["ทำนา", "ท\u0e4d\u0e32นา"], "ซ้ำ", "repeated"),  # sara am typed as nikhahit + sara aa
])
def test_empty_or_repeated_staff_names_are_refused_in_both_languages(staff, th, en):
    with pytest.raises(LedgerError) as caught:
        assign(five(), staff)
    assert th in caught.value.th and en in caught.value.en


# ---------------------------------------------------------------- the command line


def test_cli_json_assigns_every_overdue_member_once_with_balanced_loads(cli, ledger_120, loans_120):
    out = cli("assign", ledger_120, "--staff", ",".join(STAFF), "--json").json
    expected = expected_figures(loans_120, AS_OF, top=10**6)
    owing = {m["member"]: round(m["overdue"] * 100) for m in expected["top_members"]}
    assert set(out) == {"assignments", "loads"}
    assert all(set(a) == {"member", "assignee", "overdue"} for a in out["assignments"])
    assert all(set(x) == {"assignee", "members", "overdue"} for x in out["loads"])
    assert sorted(a["member"] for a in out["assignments"]) == sorted(owing)
    assert all(round(a["overdue"] * 100) == owing[a["member"]] for a in out["assignments"])
    assert [x["assignee"] for x in out["loads"]] == STAFF
    assert sum(x["members"] for x in out["loads"]) == len(owing) == expected["members_overdue"]
    assert round(sum(x["overdue"] for x in out["loads"]) * 100) == round(expected["overdue"] * 100)
    totals = [round(x["overdue"] * 100) for x in out["loads"]]
    assert max(totals) - min(totals) <= max(owing.values())


def test_cli_count_balance(cli, ledger_120):
    loads = cli("assign", ledger_120, "--staff", "A,B,C,D", "--balance", "count", "--json").json["loads"]
    assert spread(x["members"] for x in loads) <= 1


def test_cli_text_is_thai_by_default_and_english_on_request(cli, ledger_120):
    thai = cli("assign", ledger_120, "--staff", ",".join(STAFF))
    assert thai.code == 0 and "มอบหมายผู้รับผิดชอบ" in thai.out and all(p in thai.out for p in STAFF)
    english = cli("assign", ledger_120, "--staff", "A,B", "--lang", "en", "--within-group")
    assert "balanced by amount overdue, whole groups together" in english.out
    assert "the largest group's total" in english.out


@pytest.mark.parametrize("args, says", [
    (["--staff", "A,,B"], "empty staff name"),
    (["--staff", "A,a"], "repeated"),
    (["--staff", "A", "--out", "weekly.csv"], "must end in .xlsx"),
    (["--staff", "A", "--balance", "size"], "bad command"),
])
def test_cli_user_errors_are_one_line_and_exit_2(cli, ledger_120, args, says):
    run = cli("assign", ledger_120, *args)
    assert run.code == 2 and run.out == ""
    assert says in run.err and run.err.count("\n") == 1


def test_cli_unwritable_out_is_a_user_error(cli, ledger_120, tmp_path):
    run = cli("assign", ledger_120, "--staff", "A", "--out", tmp_path / "missing" / "weekly.xlsx")
    assert run.code == 2 and "could not write" in run.err


# ---------------------------------------------------------------- the weekly workbook


@pytest.fixture
def workbook(cli, ledger_120, tmp_path):
    """The weekly workbook for three people, one of them named like a formula, with the CLI's JSON."""
    path = tmp_path / "weekly.xlsx"
    staff = ["สมชาย", "=1+1", "มานพ"]
    out = cli("assign", ledger_120, "--staff", ",".join(staff), "--json", "--out", path).json
    return path, staff, out


def test_workbook_has_a_summary_then_a_sheet_per_person_with_their_debtors(workbook):
    path, staff, out = workbook
    wb = load_workbook(path)
    assert wb.sheetnames == ["สรุป", *staff]
    for person in staff:
        ws = wb[person]
        assert ws.freeze_panes == "A3"
        assert person in ws["A1"].value
        header = [c.value for c in ws[2]]
        assert header[:6] == ["ลำดับ", "เลขสมาชิก", "ชื่อ - สกุล", "กลุ่ม", "วันค้าง", "เงินต้นค้างชำระ (บาท)"]
        assert header[7:] == ["เลขสมาชิก", "วันที่ดำเนินการ", "สิ่งที่ทำ", "จำนวนเงิน (บาท)", "วันที่นัดชำระ",
                              "ผู้ดำเนินการ", "บันทึก", "เทคนิค", None, "สัปดาห์ที่", "วันที่รายงาน"]
        mine = [(a["member"], a["overdue"]) for a in out["assignments"] if a["assignee"] == person]
        rows = [(r[1], r[5]) for r in ws.iter_rows(min_row=3, max_row=2 + len(mine), values_only=True)]
        assert rows == mine
        total = ws.cell(3 + len(mine), 6)
        assert total.value == pytest.approx(sum(o for _, o in mine)) and total.number_format == "#,##0.00"
        assert ws.cell(3, 6).number_format == "#,##0.00"
        assert all(ws.cell(r, 2).data_type == "s" for r in range(3, 3 + len(mine)))  # member numbers stay text
    summary = [r for r in wb["สรุป"].iter_rows(min_row=3, values_only=True)]
    assert [(r[0], r[1], r[2]) for r in summary[:3]] == [(x["assignee"], x["members"], x["overdue"])
                                                         for x in out["loads"]]


def report_dates(data: bytes, sheet: str) -> list[tuple[int, str]]:
    """The (week, report date) rows of a person's sheet (columns Q and R)."""
    ws = load_workbook(io.BytesIO(data))[sheet]
    return [(r[16], r[17]) for r in ws.iter_rows(min_row=3, values_only=True) if r[16] is not None]


def test_workbook_report_dates_run_twelve_weeks_from_the_ledger_date_or_from_today_when_it_is_older():
    assignment = assign(five(), ["A"])
    on_time = weekly_workbook(assignment, AS_OF, (3, 31), today=AS_OF)
    assert report_dates(on_time, "A") == [(i, d) for i, d in enumerate(
        ["07/04/2567", "14/04/2567", "21/04/2567", "28/04/2567", "05/05/2567", "12/05/2567", "19/05/2567",
         "26/05/2567", "02/06/2567", "09/06/2567", "16/06/2567", "23/06/2567"], start=1)]
    # the ledger of 31 March read on 20 February next year: weeks from then, up to the year end of 31 March
    late = weekly_workbook(assignment, AS_OF, (3, 31), today=date(2025, 2, 20))
    assert report_dates(late, "A") == [(1, "27/02/2568"), (2, "06/03/2568"), (3, "13/03/2568"), (4, "20/03/2568"),
                                       (5, "27/03/2568"), (6, "31/03/2568")]
    english = weekly_workbook(assignment, AS_OF, (3, 31), "en", today=AS_OF)
    assert report_dates(english, "A")[0] == (1, "07/04/2024")


def test_a_name_that_looks_like_a_formula_stays_text(workbook):
    path, _, _ = workbook
    wb = load_workbook(path)
    assert wb["=1+1"]["A1"].value.startswith("=1+1: ") and wb["=1+1"]["A1"].data_type == "s"
    assert wb["สรุป"]["A4"].value == "=1+1" and wb["สรุป"]["A4"].data_type == "s"
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(n) for n in sheets)


def test_week_dates_run_to_the_fiscal_year_end_when_it_is_near():
    assert week_dates(date(2024, 2, 20), (3, 31)) == [
        date(2024, 2, 27), date(2024, 3, 5), date(2024, 3, 12), date(2024, 3, 19), date(2024, 3, 26),
        date(2024, 3, 31)]
    assert week_dates(date(2024, 3, 24), (3, 31)) == [date(2024, 3, 31)]
    assert len(week_dates(date(2024, 1, 1), (3, 31))) == 12  # 90 days away: twelve weeks
    assert week_dates(AS_OF, (3, 31))[0] == date(2024, 4, 7)  # on the year end: the next twelve weeks


def test_sheet_titles_excel_accepts_unique_and_within_31_characters():
    long = "ก" * 40
    titles = sheet_titles(["ก/ข:ค", "A[1]*?", "'quoted'", long, long, "สรุป", "History"], reserved=("สรุป",))
    assert titles == ["ก_ข_ค", "A_1___", "quoted", "ก" * 31, "ก" * 27 + " (2)", "สรุป (2)", "History (2)"]
    assert all(len(t) <= 31 for t in titles)


def test_text_helpers():
    assert text_width("นางสาว สุนันทา") == 12  # the marks above and below take no column
    assert [neutralise(x) for x in ["=1+1", "+66", "-", "@x", "สมชาย"]] == ["'=1+1", "'+66", "'-", "'@x", "สมชาย"]


# ---------------------------------------------------------------- the weekly report imported as actions


def contacts(ws) -> dict[str, int]:
    """The contacts table's columns by header (the table right of the debtors', from column H)."""
    return {cell.value: cell.column for cell in ws[2][7:15]}


def fill(ws, row: int, typed: dict) -> None:
    """Type into a contacts row as staff would, by the table's Thai headers."""
    column = contacts(ws)
    for head, value in typed.items():
        ws.cell(row, column[head], value)


def test_each_person_s_contacts_table_comes_with_a_row_per_debtor_and_a_list_of_what_was_done(workbook):
    path, staff, out = workbook
    wb = load_workbook(path)
    for person in staff:
        ws = wb[person]
        column = contacts(ws)
        mine = [a["member"] for a in out["assignments"] if a["assignee"] == person]
        rows = list(ws.iter_rows(min_row=3, max_row=2 + len(mine) + 10, values_only=True))
        assert [r[column["เลขสมาชิก"] - 1] for r in rows] == mine + [None] * 10
        assert {r[column["ผู้ดำเนินการ"] - 1] for r in rows} == {person}
        assert {r[column["เทคนิค"] - 1] for r in rows} == {"3 มอบหมาย"}
        assert {r[column[h] - 1] for r in rows for h in ("วันที่ดำเนินการ", "สิ่งที่ทำ", "วันที่นัดชำระ")} == {None}
        assert ws.cell(3, column["วันที่ดำเนินการ"]).number_format == "@"  # a typed date stays as typed
        lists = {str(v.sqref): v.formula1 for v in ws.data_validations.dataValidation if v.type == "list"}
        last = 2 + len(mine) + 10
        assert lists[f"J3:J{last}"] == ('"ส่งหนังสือแล้ว,แจ้งผู้ค้ำประกันแล้ว,ผู้นำกลุ่มเยี่ยมแล้ว,ติดต่อลูกหนี้,'
                                        'นัดชำระ,กู้ใหม่ชำระหนี้เดิม,ทำสัญญาปรับโครงสร้างหนี้,'
                                        'ส่งดำเนินคดี,อื่น ๆ"')
        assert lists[f"O3:O{last}"].startswith('"1 ร่อนตะแกรง,2 ผู้นำกลุ่ม,3 มอบหมาย,')


def test_the_weekly_report_as_filled_in_imports_as_the_actions_typed(cli, workbook, store_url):
    path, staff, out = workbook
    first, second = ([a["member"] for a in out["assignments"] if a["assignee"] == p] for p in staff[:2])
    wb = load_workbook(path)
    fill(wb["สมชาย"], 3, {"วันที่ดำเนินการ": "15/04/2567", "สิ่งที่ทำ": "นัดชำระ", "จำนวนเงิน (บาท)": 1500.5,
                          "วันที่นัดชำระ": "30/04/2567", "บันทึก": "จะขายข้าวแล้วนำมาชำระ"})
    fill(wb["สมชาย"], 3 + len(first), {"เลขสมาชิก": first[0], "วันที่ดำเนินการ": "22/04/2567",
                                        "สิ่งที่ทำ": "ติดต่อลูกหนี้"})
    fill(wb["=1+1"], 4, {"วันที่ดำเนินการ": "2024-04-16", "สิ่งที่ทำ": "ผู้นำกลุ่มเยี่ยมแล้ว",
                         "เทคนิค": "2 ผู้นำกลุ่ม"})
    wb.save(path)
    assert cli("actions", "import", path, "--store", store_url).out.startswith("บันทึกการดำเนินการ 3 รายการ")
    listed = cli("actions", "list", "--json", "--store", store_url).json["actions"]
    fields = ("member", "date", "kind", "technique", "amount", "promised_date", "by", "note")
    assert [tuple(a[f] for f in fields) for a in listed] == [
        (first[0], "2024-04-15", "promise", 3, 1500.5, "2024-04-30", "สมชาย", "จะขายข้าวแล้วนำมาชำระ"),
        (second[1], "2024-04-16", "leader_visit", 2, None, None, "=1+1", ""),
        (first[0], "2024-04-22", "contact", 3, None, None, "สมชาย", "")]
    assert {a["source"] for a in listed} == {"weekly.xlsx"}


def test_the_weekly_report_untouched_imports_nothing(cli, workbook, store_url):
    run = cli("actions", "import", workbook[0], "--store", store_url)
    assert run.code == 0 and run.out.startswith("บันทึกการดำเนินการ 0 รายการ")
    assert cli("actions", "list", "--json", "--store", store_url).json["actions"] == []


def test_one_bad_contact_refuses_the_whole_report_naming_its_sheet_and_row(cli, workbook, store_url):
    path, _, _ = workbook
    wb = load_workbook(path)
    fill(wb["สมชาย"], 3, {"วันที่ดำเนินการ": "15/04/2567", "สิ่งที่ทำ": "ติดต่อลูกหนี้"})
    fill(wb["มานพ"], 6, {"วันที่ดำเนินการ": "15/04/2567", "สิ่งที่ทำ": "โทรไปแล้ว"})
    wb.save(path)
    run = cli("actions", "import", path, "--store", store_url)
    assert_user_error(run)
    assert "แถว 6 ในแผ่นงาน 'มานพ': สิ่งที่ทำ 'โทรไปแล้ว'" in run.err and "row 6 of sheet 'มานพ': Action" in run.err
    assert cli("actions", "list", "--json", "--store", store_url).json["actions"] == []


def test_an_english_weekly_report_reads_back_in_english_words():
    data = weekly_workbook(assign(five(), ["A", "B"]), AS_OF, (3, 31), "en", today=AS_OF)
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Summary", "A", "B"]
    ws = wb["B"]
    assert [c.value for c in ws[2][7:15]] == ["Member no.", "Date done", "Action", "Amount (baht)", "Promised date",
                                              "Done by", "Note", "Technique"]
    assert ws["O3"].value == "3 assigned"
    ws["I3"], ws["J3"], ws["K3"], ws["L3"] = "20/04/2024", "Promise to pay", "2,000", "30/04/2024"
    buffer = io.BytesIO()
    wb.save(buffer)
    got = read_actions(buffer.getvalue(), "weekly.xlsx")
    assert got.to_dict("records") == [{"member": "00004", "date": date(2024, 4, 20), "kind": "promise",
                                       "technique": 3, "amount": 200000, "promised_date": date(2024, 4, 30),
                                       "by": "B", "note": ""}]


# ---------------------------------------------------------------- the roll-up of the record


RECORD = [  # as staff typed them: ISO week 16 of 2024 runs 15-21 April
    {"member": "00017", "date": "15/04/2567", "kind": "ติดต่อลูกหนี้", "by": "สมชาย"},
    {"member": "17", "date": "17/04/2567", "kind": "นัดชำระ", "amount": "1,500.50", "promised_date": "30/04/2567",
     "by": "สมชาย"},  # the same member, typed without its zeros
    {"member": "00020", "date": "21/04/2567", "kind": "นัดชำระ", "amount": 2000, "promised_date": "05/05/2567",
     "by": "สมชาย"},
    {"member": "00020", "date": "22/04/2567", "kind": "ติดต่อลูกหนี้", "by": "สมชาย"},  # Monday: week 17
    {"member": "00031", "date": "16/04/2567", "kind": "ผู้นำกลุ่มเยี่ยมแล้ว", "by": "มานพ"},
    {"member": "00031", "date": "16/04/2567", "kind": "นัดชำระ", "amount": 300, "promised_date": "01/05/2567"},
    {"member": "00031", "date": "31/12/2567", "kind": "ติดต่อลูกหนี้", "by": "มานพ"},  # ISO week 1 of 2025
]


def test_the_roll_up_per_person_and_week_counts_members_contacts_promises_and_amounts():
    rolled = rollup(actions_checked(RECORD))
    assert [tuple(r) for r in rolled.itertuples(index=False)] == [
        ("2024-W16", date(2024, 4, 15), "", 1, 1, 1, 300_00),
        ("2024-W16", date(2024, 4, 15), "มานพ", 1, 1, 0, 0),
        ("2024-W16", date(2024, 4, 15), "สมชาย", 2, 3, 2, 1_500_50 + 2_000_00),
        ("2024-W17", date(2024, 4, 22), "สมชาย", 1, 1, 0, 0),
        ("2025-W01", date(2024, 12, 30), "มานพ", 1, 1, 0, 0)]
    people = rollup(actions_checked(RECORD), weekly=False)
    assert [tuple(r) for r in people.itertuples(index=False)] == [
        ("", 1, 1, 1, 300_00), ("มานพ", 1, 2, 0, 0), ("สมชาย", 2, 4, 2, 3_500_50)]


def test_the_roll_up_of_no_action_is_empty_with_its_columns():
    assert list(rollup(actions_checked([]))) == ["week", "week_of", "by", "members", "actions", "promises", "promised"]
    assert rollup(actions_checked([]), weekly=False).empty


@pytest.mark.parametrize("weekly", [True, False])
def test_the_roll_up_counts_are_integers_even_with_no_action(weekly):
    texts = {"week": "object", "week_of": "object", "by": "object"}
    counts = {"members": "int64", "actions": "int64", "promises": "int64", "promised": "int64"}
    expected = {**(texts if weekly else {"by": "object"}), **counts}
    assert {c: str(t) for c, t in rollup(actions_checked([]), weekly=weekly).dtypes.items()} == expected
    assert {c: str(t) for c, t in rollup(actions_checked(RECORD), weekly=weekly).dtypes.items()
            if c in counts} == counts


def test_a_person_given_as_none_is_rolled_up_as_blank():
    actions = actions_checked(RECORD[:2])  # week 16 of 2024, member 17: a contact, then a promise of 1,500.50
    actions["by"] = pd.Series([None, "สมชาย"], index=actions.index, dtype=object)
    assert [tuple(r) for r in rollup(actions, weekly=False).itertuples(index=False)] == [
        ("", 1, 1, 0, 0), ("สมชาย", 1, 1, 1, 1_500_50)]


# ---------------------------------------------------------------- the page


def open_page(monkeypatch, tmp_path, privacy: bool = False) -> AppTest:
    """The page with the app's store a fresh SQLite file (KMDASH_STORE overrides secrets.toml's URL)."""
    monkeypatch.setenv(store.ENV, f"sqlite:///{tmp_path / 'store.db'}")
    return open_app_page("assigned", privacy)


def test_page_assigns_shows_loads_chart_and_downloads_and_privacy_masks_names(cli, monkeypatch, tmp_path):
    at = open_page(monkeypatch, tmp_path)
    assert at.info and not at.dataframe  # asks for names first
    at.text_area(key="assigned_staff").set_value("สมชาย\nสมศรี, มานพ").run()
    assert not at.exception
    loads, debtors = (d.value for d in at.dataframe)
    assert list(loads.iloc[:, 0]) == STAFF
    sample = cli("assign", ROOT / "sample_data" / "ledger_th.xlsx", "--staff", ",".join(STAFF), "--json").json
    assert [list(r) for r in loads.itertuples(index=False)] == [[x["assignee"], x["members"], x["overdue"]]
                                                                for x in sample["loads"]]
    assert len(debtors) == len(sample["assignments"])
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert figure["layout"]["title"]["text"] == "งานของแต่ละคน"
    assert len(at.get("download_button")) == 2
    days = (date.today() - date(2024, 3, 31)).days  # the sample's ledger: the report dates count from today
    assert any(f"เก่ากว่าวันนี้ {days:,} วัน" in i.value for i in at.info)
    names = set(debtors.iloc[:, 1])
    at.toggle(key="privacy").set_value(True).run()
    masked = at.dataframe[1].value
    assert not names & set(masked.iloc[:, 1]) and set(masked.iloc[:, 0]) == set(masked.iloc[:, 1])
    assert list(at.dataframe[0].value.iloc[:, 0]) == STAFF  # the people who follow up are not members
    assert not (tmp_path / "store.db").exists()  # reading the record never makes a store


def test_page_says_what_is_wrong_with_the_names(monkeypatch, tmp_path):
    at = open_page(monkeypatch, tmp_path)
    at.text_area(key="assigned_staff").set_value("สมชาย\nสมชาย").run()
    assert not at.exception and "ซ้ำ" in at.error[0].value and not at.dataframe


def in_plan(at: AppTest):
    """What this page put in the plan (ui.remember_for_plan's slot for the tool "assigned"), or None."""
    held = at.session_state["plan_fill"] if "plan_fill" in at.session_state else {}
    return next((frame for (_, tool), frame in held.items() if tool == "assigned"), None)


def test_page_puts_the_assignees_into_the_plan_only_when_the_button_is_pressed(cli, monkeypatch, tmp_path):
    at = open_page(monkeypatch, tmp_path)
    at.text_area(key="assigned_staff").set_value("สมชาย\nสมศรี, มานพ").run()
    assert in_plan(at) is None  # shown, offered, not put anywhere
    at.button(key="plan_put_assigned").click().run()
    assert not at.exception
    sample = cli("assign", ROOT / "sample_data" / "ledger_th.xlsx", "--staff", ",".join(STAFF), "--json").json
    assert in_plan(at)["assignee"].to_dict() == {a["member"]: a["assignee"] for a in sample["assignments"]}


def filled_weekly_report() -> tuple[bytes, dict[str, list[str]]]:
    """The sample's weekly report for STAFF (as the page makes it) with three contacts typed in: สมชาย's first
    debtor a promise of 1,500 baht (Monday 15 April 2567) and a contact the next day with their second; สมศรี's
    first debtor a contact a week later. With each person's debtors."""
    result = run(ROOT / "sample_data" / "ledger_th.xlsx")
    assignment = assign(result.analysis.members, STAFF)
    wb = load_workbook(io.BytesIO(weekly_workbook(assignment, result.as_of, (3, 31))))
    fill(wb["สมชาย"], 3, {"วันที่ดำเนินการ": "15/04/2567", "สิ่งที่ทำ": "นัดชำระ", "จำนวนเงิน (บาท)": 1500,
                          "วันที่นัดชำระ": "30/04/2567"})
    fill(wb["สมชาย"], 4, {"วันที่ดำเนินการ": "16/04/2567", "สิ่งที่ทำ": "ติดต่อลูกหนี้"})
    fill(wb["สมศรี"], 3, {"วันที่ดำเนินการ": "22/04/2567", "สิ่งที่ทำ": "ติดต่อลูกหนี้"})
    buffer = io.BytesIO()
    wb.save(buffer)
    table = assignment.assignments
    return buffer.getvalue(), {p: table.loc[table["assignee"] == p, "member_no"].tolist() for p in STAFF}


@pytest.mark.parametrize("privacy", [False, True])
def test_page_imports_the_filled_weekly_report_on_the_press_and_rolls_it_up(monkeypatch, tmp_path, privacy):
    data, debtors = filled_weekly_report()
    at = open_page(monkeypatch, tmp_path, privacy)
    at.file_uploader(key="assigned_import_file").set_value(("weekly.xlsx", data, XLSX)).run()
    assert not at.exception
    read = at.dataframe[0].value
    members = [debtors["สมชาย"][0], debtors["สมชาย"][1], debtors["สมศรี"][0]]
    if privacy:
        assert not set(read.iloc[:, 0]) & set(members) and read.iloc[:, 0].str.startswith("สมาชิก").all()
    else:
        assert read.iloc[:, 0].tolist() == members
    assert not (tmp_path / "store.db").exists()  # read and shown, not recorded
    press = next(b for b in at.button if (b.key or "").startswith("assigned_import_"))
    press.click().run()
    assert not at.exception and at.success[0].value.startswith("บันทึกการดำเนินการ 3 รายการ")
    engine = store.open_store(f"sqlite:///{tmp_path / 'store.db'}")
    recorded = record.listed(engine, "สหกรณ์การเกษตรตัวอย่าง จำกัด")
    assert list(zip(recorded["member"], recorded["kind"], recorded["amount"], recorded["by"])) == [
        (members[0], "promise", 150000, "สมชาย"), (members[1], "contact", 0, "สมชาย"),
        (members[2], "contact", 0, "สมศรี")]
    weekly, people = (d.value for d in at.dataframe[-2:])
    assert [list(r) for r in weekly.itertuples(index=False)] == [
        ["15 เม.ย. 2567", "สมชาย", 2, 2, 1, 1500.0], ["22 เม.ย. 2567", "สมศรี", 1, 1, 0, 0.0]]
    assert list(weekly.columns) == ["สัปดาห์ (เริ่มวันจันทร์)", "ผู้ดำเนินการ", "สมาชิกที่ติดตาม (ราย)",
                                    "ดำเนินการ (ครั้ง)", "นัดชำระ (ครั้ง)", "ยอดนัดชำระ (บาท)"]
    assert [list(r) for r in people.itertuples(index=False)] == [["สมชาย", 2, 2, 1, 1500.0], ["สมศรี", 1, 1, 0, 0.0]]
