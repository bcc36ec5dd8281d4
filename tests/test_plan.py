"""The collection plan: its rows against the generator's loans, CSV and xlsx exports, hostile names, the
`plan` command and the Plan page.

Expected rows never come from kmdash.analyse: overdue members, their days and amounts are computed here
from the generator's canonical loans, in integer satang.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pandas as pd
import pytest
from openpyxl import load_workbook
from wcwidth import wcswidth

from kmdash.i18n import t
from kmdash.pipeline import Options, run
from kmdash.report.escape import DANGEROUS
from kmdash.errors import LedgerError
from kmdash.plan import columns, make_plan, mask_plan, plan_table, read_plan, technique_numbers, typed
from kmdash.report.plan import About, file_name, plan_csv, plan_xlsx

from .support.app import go, start
from .support.ledgers import AS_OF, SAMPLE
from .support.oracle import satang

HOSTILE = ['=HYPERLINK("http://evil.example","x")', "+1", "-x", "@x", "=1+2"]
SHEETS = ["เกี่ยวกับไฟล์", "แผนติดตามหนี้", "1 ร่อนตะแกรง", "2 ผู้นำกลุ่ม", "3 มอบหมาย", "4 กองทุนหมุนเวียนกลุ่ม",
          "5 จัดชั้นสมาชิก", "บันทึกการดำเนินการ"]
HEADERS_TH = ["เลขสมาชิก", "ชื่อ - สกุล", "กลุ่ม", "วันค้าง (สูงสุด)", "อายุหนี้", "เงินต้นค้างชำระ",
              "ดอกเบี้ยค้างชำระ", "เทคนิคที่ใช้ได้", "ชั้นสมาชิก", "ระดับการติดตาม", "วันครบกำหนดตามหนังสือ",
              "ผู้นำกลุ่ม", "ผู้รับผิดชอบ", "รอบกองทุนหมุนเวียน", "เทคนิคที่เลือกใช้", "สถานะ", "หมายเหตุ"]


def overdue_members(loans: pd.DataFrame, as_of: date = AS_OF) -> dict[str, dict]:
    """Member -> name, group, days (most of their overdue loans), overdue and interest (all their loans) in
    satang, for members with a loan due before the as-of date and principal overdue above zero."""
    members: dict[str, dict] = {}
    for loan in loans.to_dict("records"):
        m = members.setdefault(loan["member_no"], {"name": loan["name"], "group": loan["group"], "days": 0,
                                                   "overdue": 0, "interest": 0})
        m["interest"] += satang(loan["interest_arrears"])
        due = pd.Timestamp(loan["due_date"]).date()
        if due < as_of and loan["principal_overdue"] > 0:
            m["days"] = max(m["days"], (as_of - due).days)
            m["overdue"] += satang(loan["principal_overdue"])
    return {k: m for k, m in members.items() if m["days"] > 0}


@pytest.fixture(scope="module")
def result():
    return run(SAMPLE)


@pytest.fixture(scope="module")
def table(result) -> pd.DataFrame:
    return plan_table(result)


@pytest.fixture
def hostile(ledger_file, loans_120):
    """A CSV ledger (text is read as written) whose first overdue members have names that look like formulas."""
    loans = loans_120.copy()
    owing = list(overdue_members(loans))[:len(HOSTILE)]
    for member, name in zip(owing, HOSTILE):
        loans.loc[loans["member_no"] == member, "name"] = name
    return run(ledger_file(loans, fmt="csv")), dict(zip(owing, HOSTILE))


def csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Thai Excel reads the file as UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def workbook(data: bytes):
    return load_workbook(io.BytesIO(data))


# ---------------------------------------------------------------- the table


def test_one_row_per_overdue_member_with_the_ledgers_figures(table, sample_loans):
    expected = overdue_members(sample_loans)
    assert list(table.columns) == list(columns())
    assert len(table) == len(expected) == table["member"].nunique()
    assert set(table["member"]) == set(expected)
    for row in table.itertuples():
        want = expected[row.member]
        assert (row.name, row.group, row.days) == (want["name"], want["group"], want["days"]), row.member
        assert (satang(row.overdue), satang(row.interest)) == (want["overdue"], want["interest"]), row.member
    assert table["overdue"].is_monotonic_decreasing  # largest overdue first
    assert (table[["grade", "tier", "deadline", "group_leader", "assignee", "pool_cycle", "chosen", "status",
                   "notes"]] == "").all().all()


def test_bucket_and_techniques_in_the_chosen_language(result, table):
    assert table.loc[table["days"] > 1095, "bucket"].eq("เกิน 3 ปี").all()
    long = table["days"] > result.analysis.settings.long_overdue_days
    assert table.loc[long, "techniques"].str.startswith("1 ร่อนตะแกรง, ").all()
    assert not table.loc[~long, "techniques"].str.contains("ร่อนตะแกรง").any()
    assert table["techniques"].str.contains("3 มอบหมาย").all()
    assert table["techniques"].str.endswith("5 จัดชั้นสมาชิก").all()
    english = plan_table(result, "en")
    assert english.loc[long, "techniques"].str.startswith("1 sieving, ").all()
    assert english.loc[english["days"] > 1095, "bucket"].eq("over 3 years").all()


def test_the_tools_fill_their_columns_of_the_plan(result, table):
    top, other = table["member"].iloc[0], table["member"].iloc[1]
    graded = plan_table(result, filled=[pd.DataFrame({"grade": ["ก", "ข"]}, index=[top, "99999"]),
                                        pd.DataFrame({"assignee": ["สมชาย"], "pool_cycle": [2]}, index=[other])])
    rows = graded.set_index("member")
    assert rows.loc[[top, other], "grade"].tolist() == ["ก", ""]
    assert rows.loc[[top, other], "assignee"].tolist() == ["", "สมชาย"]
    assert rows.loc[other, "pool_cycle"] == "2"


def test_the_plan_command_fills_grade_assignee_and_pool_cycle(cli, tmp_path):
    path = tmp_path / "plan.csv"
    assert cli("plan", SAMPLE, "--staff", "สมชาย,สมศรี", "--pool", "300000", "--out", path).code == 0
    rows = csv_rows(path.read_bytes())
    header, body = rows[0], rows[1:]
    column = {h: i for i, h in enumerate(header)}
    assert {r[column["ชั้นสมาชิก"]] for r in body} <= {"ดีเยี่ยม", "ดี", "พอใช้", "ต้องปรับปรุง"}
    assert {r[column["ผู้รับผิดชอบ"]] for r in body} == {"สมชาย", "สมศรี"}
    pooled = [r for r in body if r[column["รอบกองทุนหมุนเวียน"]]]
    assert pooled and all(r[column["สถานะ"]] == "" for r in pooled)  # a proposed cycle, never a repayment
    assert all(r[column["เทคนิคที่เลือกใช้"]] == "" for r in body)  # nobody chose a technique yet


def test_nobody_overdue_gives_an_empty_plan_that_still_exports(ledger_file, sample_loans):
    early = run(ledger_file(sample_loans.head(50)), Options(as_of=date(2000, 1, 1)))
    empty = plan_table(early)
    assert empty.empty and list(empty.columns) == list(columns())
    assert csv_rows(plan_csv(empty, False)) == [HEADERS_TH]
    assert workbook(plan_xlsx(empty, About.of(early), False))["แผนติดตามหนี้"].max_row == 1


# ---------------------------------------------------------------- CSV


def test_csv_round_trip_keeps_thai_and_the_figures(table):
    rows = csv_rows(plan_csv(table, False))
    assert rows[0] == HEADERS_TH
    assert len(rows) == len(table) + 1
    for got, want in zip(rows[1:], table.itertuples(index=False)):
        assert got[:5] == [want.member, want.name, want.group, str(want.days), want.bucket]
        assert got[5:7] == [f"{want.overdue:.2f}", f"{want.interest:.2f}"]
        assert got[7] == want.techniques and got[8:] == [""] * 9
    assert "ร่อนตะแกรง" in rows[1][7] and rows[1][1].startswith("นา")  # Thai intact, not mojibake


def test_csv_lines_end_as_excel_writes_them(table):
    data = plan_csv(table.head(3), False)
    assert data.count(b"\r\n") == 4 and b"\n" not in data.replace(b"\r\n", b"")


def test_hostile_names_stay_in_the_plan_neutralised_in_csv(hostile):
    result, names = hostile
    rows = csv_rows(plan_csv(plan_table(result), False))
    by_member = {r[0]: r for r in rows[1:]}
    for member, name in names.items():
        assert by_member[member][1] == "'" + name
    for row in rows:
        assert all(not cell.startswith(DANGEROUS) or cell.replace(".", "", 1).lstrip("-").isdigit() for cell in row)


@pytest.mark.parametrize("name", ["\tx", "\rx", "\nx", "-1", "+1", "@", "=", "'quoted"])
def test_every_dangerous_start_is_neutralised(table, name):
    """The reader trims whitespace from names, so tab, CR and LF starts are put in the table directly."""
    hostile = table.head(2).assign(name=[name, "ok"], group=[name, "ok"], notes=[name, ""])
    row = csv_rows(plan_csv(hostile, False))[1]
    escaped = name if name == "'quoted" else "'" + name
    assert (row[1], row[2], row[-1]) == (escaped, escaped, escaped)


# ---------------------------------------------------------------- xlsx


def test_xlsx_has_about_plan_and_a_sheet_per_technique(result, table):
    wb = workbook(plan_xlsx(table, About.of(result), False))
    assert wb.sheetnames == SHEETS
    plan = wb["แผนติดตามหนี้"]
    assert [c.value for c in plan[1]] == HEADERS_TH
    assert plan.max_row == len(table) + 1
    assert [c.value for c in plan[2]][:8] == table.iloc[0, :8].tolist()
    assert plan["F2"].number_format == "#,##0.00" and plan["G2"].number_format == "#,##0.00"
    assert isinstance(plan["D2"].value, int)
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2", ws.title
    sieving = wb["1 ร่อนตะแกรง"]
    assert [c.value for c in sieving[1]][-4:] == ["ระดับการติดตาม", "วันครบกำหนดตามหนังสือ", "สถานะ", "หมายเหตุ"]
    assert sieving.max_row - 1 == int((table["days"] > 365).sum())
    assert wb["3 มอบหมาย"].max_row == len(table) + 1
    assert [c.value for c in wb["5 จัดชั้นสมาชิก"][1]][6] == "ชั้นสมาชิก"
    assert [c.value for c in wb["2 ผู้นำกลุ่ม"][1]][-3:] == ["ผู้นำกลุ่ม", "สถานะ", "หมายเหตุ"]


def test_xlsx_about_sheet_says_what_it_holds(result, table):
    about = dict(list(workbook(plan_xlsx(table, About.of(result), False))["เกี่ยวกับไฟล์"].values)[1:])
    assert about["สหกรณ์"] == "สหกรณ์การเกษตรตัวอย่าง จำกัด"
    assert about["ข้อมูล ณ วันที่"] == "31 มี.ค. 2567"  # BE
    assert about["เนื้อหา"] == "ข้อมูลจริง มีชื่อและเลขสมาชิก"
    assert about["สมาชิกที่ค้างชำระในแผน"] == f"{len(table):,}"
    assert int(about["สร้างเมื่อ"].split()[2]) == date.today().year + 543


def test_xlsx_columns_fit_their_thai_text(result, table):
    plan = workbook(plan_xlsx(table, About.of(result), False))["แผนติดตามหนี้"]
    widths = {k: v.width for k, v in plan.column_dimensions.items()}
    widest = max(wcswidth(n) for n in table["name"])  # tone marks and vowels above or below take no width
    assert widths["B"] == widest + 2 < max(len(n) for n in table["name"]) + 2
    assert widths["H"] >= 30 and all(6 <= w <= 62 for w in widths.values())


def test_hostile_names_are_text_in_xlsx_never_formulas(hostile):
    result, names = hostile
    wb = workbook(plan_xlsx(plan_table(result), About.of(result), False))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            assert all(c.data_type != "f" for c in row), ws.title
    plan = {r[0].value: r[1] for r in wb["แผนติดตามหนี้"].iter_rows(min_row=2)}
    for member, name in names.items():
        cell = plan[member]
        assert (cell.value, cell.data_type, cell.quotePrefix) == (name, "s", True)


def test_xlsx_keeps_control_characters_and_markup_as_text(result, table):
    odd = table.head(3).assign(name=["a<b>&c", "x\x01y", "_x0041_"])
    plan = workbook(plan_xlsx(odd, About.of(result), False))["แผนติดตามหนี้"]
    assert [plan.cell(r, 2).value for r in (2, 3)] == ["a<b>&c", "x_x0001_y"]  # openpyxl leaves _x0001_ as is
    assert plan.cell(4, 2).value == "_x0041_"


# ---------------------------------------------------------------- real or masked


@pytest.fixture(scope="module")
def masked(result, table) -> pd.DataFrame:
    from kmdash.privacy import aliases

    return mask_plan(table, aliases(result.analysis.members["member_no"], b"key"))


def test_a_masked_export_says_so_and_holds_no_name(result, table, masked):
    rows = csv_rows(plan_csv(masked, True))
    assert rows[0][:2] == ["สมาชิก (นามแฝง)", "ชื่อ (ปิดบังแล้ว)"]
    wb = workbook(plan_xlsx(masked, About.of(result), True))
    assert dict(list(wb["เกี่ยวกับไฟล์"].values)[1:])["เนื้อหา"] == "ปิดบังชื่อแล้ว"
    cells = {str(c) for ws in wb.worksheets for row in ws.values for c in row} | {c for r in rows for c in r}
    assert not cells & (set(table["name"]) | set(table["member"]))
    assert file_name(True, "csv") == "plan_masked.csv" and file_name(False, "xlsx") == "plan.xlsx"


def test_a_real_plan_cannot_be_labelled_masked(result, table):
    with pytest.raises(ValueError):
        plan_csv(table, True)
    with pytest.raises(ValueError):
        plan_xlsx(table, About.of(result), True)


# ---------------------------------------------------------------- the command


def test_plan_command_writes_xlsx_and_csv(cli, tmp_path, table):
    out = cli("plan", SAMPLE, "--out", tmp_path / "plan.xlsx")
    assert out.code == 0 and str(len(table)) in out.out and "ข้อมูลจริง" in out.out
    assert workbook((tmp_path / "plan.xlsx").read_bytes()).sheetnames == SHEETS
    assert cli("plan", SAMPLE, "--out", tmp_path / "plan.csv").code == 0
    assert len(csv_rows((tmp_path / "plan.csv").read_bytes())) == len(table) + 1


def test_plan_command_prints_csv_without_out(cli, table):
    out = cli("plan", SAMPLE, "--lang", "en")
    rows = list(csv.reader(io.StringIO(out.out.lstrip("\ufeff"), newline="")))
    assert out.code == 0 and rows[0][:2] == ["Member no.", "Name"] and len(rows) == len(table) + 1


def test_plan_command_shares_the_summary_options(cli, sample_loans):
    later = date(2024, 6, 30)
    out = cli("plan", SAMPLE, "--as-of", "30/06/2567", "--long-days", "180")
    rows = list(csv.reader(io.StringIO(out.out.lstrip("\ufeff"), newline="")))[1:]
    expected = overdue_members(sample_loans, later)
    assert {r[0]: int(r[3]) for r in rows} == {m: e["days"] for m, e in expected.items()}
    assert all(("1 ร่อนตะแกรง" in r[7]) == (int(r[3]) > 180) for r in rows)


@pytest.mark.parametrize("args", [["--out", "plan.txt"], ["--out", "/no/such/dir/plan.csv"], ["--months", "--bad"]])
def test_plan_command_user_errors_exit_2_with_one_line(cli, args):
    out = cli("plan", SAMPLE, *args)
    assert out.code == 2 and out.err.count("\n") == 1 and out.err.startswith("kmdash: ")


# ---------------------------------------------------------------- the page


def download_labels(at) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


def test_plan_page_shows_the_plan_and_the_real_download(table):
    at = go(start(), "plan")
    shown = at.dataframe[0].value
    assert list(shown.columns) == HEADERS_TH and len(shown) == len(table)
    real = t("plan_real")
    assert download_labels(at) == [t("plan_download", kind="Excel", contents=real),
                                   t("plan_download", kind="CSV", contents=real)]


def test_with_privacy_the_table_is_masked_and_both_downloads_say_what_they_hold(table):
    at = go(start(privacy=True), "plan")
    shown = at.dataframe[0].value
    assert not set(shown["ชื่อ - สกุล"]) & set(table["name"])
    assert shown["เลขสมาชิก"].str.fullmatch(r"สมาชิก \d{3}").all()
    labels = download_labels(at)
    assert len(labels) == 4
    assert all(t("plan_real") in label for label in labels[:2])
    assert all(t("plan_masked") in label for label in labels[2:])
    assert any(t("plan_privacy_note") == i.value for i in at.info)


def test_plan_page_in_english():
    at = go(start("en"), "plan")
    assert list(at.dataframe[0].value.columns)[:2] == ["Member no.", "Name"]
    assert download_labels(at)[0] == "Download the plan as Excel (Real data: names and member numbers)"


def test_a_notice_deadline_in_the_plan_is_written_in_the_buddhist_era(result, table):
    top = table["member"].iloc[0]
    filled = plan_table(result, filled=[pd.DataFrame({"tier": ["notified"], "deadline": [date(2024, 5, 31)]},
                                                     index=[top])])
    assert filled.set_index("member").loc[top, ["tier", "deadline"]].tolist() == ["notified", "31/05/2567"]


# ---------------------------------------------------------------- read back as the staff filled it in


def filled_by_staff(table: pd.DataFrame) -> pd.DataFrame:
    """The plan as staff fill it in: a formula-like note, words that pandas would take for missing values, a
    line break, a cell left empty."""
    filled = table.copy()
    filled.loc[0, "notes"] = "=นัดชำระ 15/05/2567"
    filled.loc[1, "notes"] = "NA"
    filled.loc[2, "notes"] = "โทรแล้ว\nไม่รับสาย"
    filled.loc[3, "status"] = "None"
    filled.loc[4, "assignee"] = "N/A"
    return filled


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_filled_plan_reads_back_cell_for_cell(result, table, lang, kind):
    filled = filled_by_staff(plan_table(result, lang))
    data = plan_csv(filled, False, lang) if kind == "csv" else plan_xlsx(filled, About.of(result), False, lang)
    back = read_plan(data)
    assert list(back.columns) == list(columns())
    pd.testing.assert_frame_equal(back, typed(filled).reset_index(drop=True))
    assert back.loc[0, "notes"] == "=นัดชำระ 15/05/2567" and back.loc[1, "notes"] == "NA"


def test_rows_without_a_member_number_are_dropped_and_missing_columns_left_empty(table):
    data = plan_csv(table.head(3), False).decode("utf-8-sig").splitlines()
    header = data[0].split(",")
    keep = [i for i, h in enumerate(header) if h not in (t("col_notes"), t("col_grade"))]
    rows = [",".join(line.split(",")[i] for i in keep) for line in data]
    blank = ",".join([""] * len(keep))
    back = read_plan("\r\n".join([rows[0], rows[1], blank, rows[2]]).encode("utf-8-sig"))
    assert back["member"].tolist() == table["member"].head(2).tolist()
    assert back.index.tolist() == [0, 1] and set(back["notes"]) == {""} and set(back["grade"]) == {""}


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("header", ["col_member_alias", "col_name_masked"])
def test_a_masked_plan_is_refused_in_either_language(table, lang, header):
    masked = plan_csv(table.head(3), False, lang).decode("utf-8-sig").replace(
        t("col_member" if header == "col_member_alias" else "col_name", lang), t(header, lang), 1)
    with pytest.raises(LedgerError) as error:
        read_plan(masked.encode("utf-8-sig"), "p.csv")
    assert error.value.message("en") == t("plan_masked_back", "en", file="p.csv")


def test_a_file_that_is_no_plan_is_refused():
    with pytest.raises(LedgerError) as error:
        read_plan("a,b\r\n1,2\r\n".encode("utf-8-sig"), "x.csv")
    assert error.value.message("th") == t("plan_unreadable", "th", file="x.csv")


def test_an_english_plan_holds_english_grades_and_dates_as_english_users_write_them(result):
    english = make_plan(result, "en", prepared=[pd.DataFrame({"deadline": [date(2024, 5, 31)]},
                                                             index=[plan_table(result)["member"][0]])])
    assert set(english["grade"]) <= {"Excellent", "Good", "Fair", "Needs improvement"}
    assert english.loc[0, "deadline"] == "31/05/2024"
    thai = make_plan(result, prepared=[pd.DataFrame({"deadline": [date(2024, 5, 31)]},
                                                    index=[plan_table(result)["member"][0]])])
    assert thai.loc[0, "deadline"] == "31/05/2567" and set(thai["grade"]) <= {"ดีเยี่ยม", "ดี", "พอใช้", "ต้องปรับปรุง"}


def test_what_a_page_prepared_wins_over_what_a_tool_filled(result):
    first = plan_table(result)["member"][0]
    plan = make_plan(result, options={"staff": "A,B"}, prepared=[pd.DataFrame({"assignee": ["C"]}, index=[first])])
    assert plan.loc[0, "assignee"] == "C" and set(plan.loc[1:, "assignee"]) == {"A", "B"}


def test_a_ledger_without_interest_has_zero_interest_in_the_plan(ledger_file, loans_120):
    plan = plan_table(run(ledger_file(loans_120.drop(columns="interest_arrears"))))
    assert len(plan) and (plan["interest"] == 0.0).all()


@pytest.mark.parametrize("text, numbers", [("1 ร่อนตะแกรง, 3 มอบหมาย", ["1", "3"]), ("2 leaders,5 grading", ["2", "5"]),
                                           ("1 two words, 3 x", ["1", "3"]), ("", [""]), (None, [""]),
                                           ("ไม่มี", [""])])
def test_a_techniques_cell_gives_its_numbers(text, numbers):
    assert technique_numbers(text) == numbers


def test_money_typed_by_staff_with_separators_or_left_blank_reads_as_numbers(table):
    text = plan_csv(table.head(2), False).decode("utf-8-sig").splitlines()
    header = text[0].split(",")
    first, second = (line.split(",") for line in text[1:3])
    first[header.index(t("col_overdue"))] = '"1,234.50"'
    second[header.index(t("col_overdue"))] = ""
    back = read_plan("\r\n".join([text[0], ",".join(first), ",".join(second)]).encode("utf-8-sig"))
    assert back["overdue"].tolist() == [1234.5, 0.0]


# ---------------------------------------------------------------- the actions sheet


ACTIONS_TYPED = {  # lang -> two actions as staff type them (row 2: the plan's first member, already typed there)
    "th": [{"วันที่ดำเนินการ": "15/04/2567", "สิ่งที่ทำ": "นัดชำระ", "เทคนิค": "3 มอบหมาย", "จำนวนเงิน (บาท)": 2500.25,
            "วันที่นัดชำระ": "30/04/2567", "ผู้ดำเนินการ": "สมชาย", "บันทึก": "ขายข้าวแล้วจะชำระ"},
           {"เลขสมาชิก": "00017", "วันที่ดำเนินการ": "02/05/2567", "สิ่งที่ทำ": "ส่งหนังสือแล้ว",
            "เทคนิค": "1 ร่อนตะแกรง"}],
    "en": [{"Date done": "15/04/2024", "Action": "Promise to pay", "Technique": "3 assigned", "Amount (baht)": 2500.25,
            "Promised date": "30/04/2024", "Done by": "Somchai", "Note": "will pay after the harvest"},
           {"Member no.": "00017", "Date done": "02/05/2024", "Action": "Letter sent", "Technique": "1 sieving"}],
}


def plan_actions(lang: str, first: str) -> list[dict]:
    """What ACTIONS_TYPED[lang] is as actions, the first typed on the row of the plan's first member `first`."""
    by, note = ("สมชาย", "ขายข้าวแล้วจะชำระ") if lang == "th" else ("Somchai", "will pay after the harvest")
    return [{"member": first, "date": date(2024, 4, 15), "kind": "promise", "technique": 3, "amount": 250025,
             "promised_date": date(2024, 4, 30), "by": by, "note": note},
            {"member": "00017", "date": date(2024, 5, 2), "kind": "letter_sent", "technique": 1, "amount": 0,
             "promised_date": None, "by": "", "note": ""}]


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_plan_workbook_s_actions_sheet_reads_back_as_the_actions_typed(result, lang):
    from kmdash.actions import read_actions

    plan = plan_table(result, lang)
    data = plan_xlsx(plan, About.of(result), False, lang)
    wb = load_workbook(io.BytesIO(data))
    name = "บันทึกการดำเนินการ" if lang == "th" else "actions"
    assert wb.sheetnames == [*wb.sheetnames[:7], name]
    sheet = wb[name]
    column = {c.value: c.column for c in sheet[1]}
    assert list(column)[0] == ("เลขสมาชิก" if lang == "th" else "Member no.")
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == plan["member"].tolist() + [None] * 50
    assert sheet.freeze_panes == "A2" and sheet.cell(2, 2).number_format == "@"
    lists = [v.formula1 for v in sheet.data_validations.dataValidation]
    assert lists[0].startswith('"ส่งหนังสือแล้ว,' if lang == "th" else '"Letter sent,')
    assert lists[1].startswith('"1 ร่อนตะแกรง,' if lang == "th" else '"1 sieving,')
    assert read_actions(data, "plan.xlsx").empty  # untouched: only member numbers, no action
    free = len(plan) + 2
    for row, typed in zip((2, free), ACTIONS_TYPED[lang]):
        for head, value in typed.items():
            sheet.cell(row, column[head], value)
    buffer = io.BytesIO()
    wb.save(buffer)
    got = read_actions(buffer.getvalue(), "plan.xlsx")
    assert got.to_dict("records") == plan_actions(lang, plan["member"][0])
    pd.testing.assert_frame_equal(read_plan(buffer.getvalue()), read_plan(data))  # the plan sheet unaffected
    assert read_plan(data)["member"].tolist() == plan["member"].tolist()


def test_a_masked_plan_s_actions_sheet_has_no_member_typed(result, masked):
    sheet = workbook(plan_xlsx(masked, About.of(result), True))["บันทึกการดำเนินการ"]
    assert [c.value for c in sheet[1]][:3] == ["เลขสมาชิก", "วันที่ดำเนินการ", "สิ่งที่ทำ"]
    assert sheet.max_row == 51 and {v for row in sheet.iter_rows(min_row=2, values_only=True) for v in row} == {None}


# ---------------------------------------------------------------- every word of an English export


def test_an_english_csv_writes_its_headers_and_codes_in_english(table):
    coded = table.head(2).assign(tier=["pursued", "eased"], status=["promise", "ลงพื้นที่แล้ว"])
    rows = csv_rows(plan_csv(coded, False, "en"))
    assert rows[0] == ["Member no.", "Name", "Group", "Days overdue (most)", "Age", "Principal overdue",
                       "Interest in arrears", "Techniques that apply", "Grade", "Tier", "Deadline", "Group leader",
                       "Assigned to", "Pool cycle", "Technique chosen", "Status", "Notes"]
    assert [r[9] for r in rows[1:]] == ["pursued", "eased"]
    assert [r[15] for r in rows[1:]] == ["Promise to pay", "ลงพื้นที่แล้ว"]  # a word that is no code stays
    thai = csv_rows(plan_csv(coded, False, "th"))
    assert [r[9] for r in thai[1:]] == ["ดำเนินการจนถึงที่สุด", "ชะลอการติดตาม"] and thai[1][15] == "นัดชำระ"


def test_money_in_csv_is_written_to_the_satang(table):
    row = csv_rows(plan_csv(table.head(1).assign(overdue=[1234.5], interest=[0.004]), False))[1]
    assert row[5:7] == ["1234.50", "0.00"]


def test_an_english_about_sheet_says_each_thing_in_english(table):
    head = table.head(6)
    listed = {n: sum(str(n) in str(cell) for cell in head["techniques"]) for n in range(1, 6)}
    wb = workbook(plan_xlsx(head, About(None, "ledger.xlsx", date(2024, 3, 31), example_grades=True), False, "en"))
    assert wb.sheetnames == ["About", "Plan", "1 sieving", "2 leaders", "3 assigned", "4 pooling", "5 grading",
                             "actions"]
    rows = list(wb["About"].values)
    made = rows.pop(4)
    assert made[0] == "Generated" and made[1].startswith(date.today().strftime("%d %b %Y "))
    assert rows == [
        ("Item", "Detail"), ("Co-op", None), ("File", "ledger.xlsx"), ("As-of date", "31 Mar 2024"),
        ("Contents", "Real data: names and member numbers"), ("Overdue members in the plan", "6"),
        ("1 sieving", f"{listed[1]} members; to fill in: Tier, Deadline"),
        ("2 leaders", f"{listed[2]} members; to fill in: Group leader"),
        ("3 assigned", f"{listed[3]} members; to fill in: Assigned to, Deadline"),
        ("4 pooling", f"{listed[4]} members; to fill in: Pool cycle"),
        ("5 grading", f"{listed[5]} members; to fill in: Grade"),
        ("5 grading", "Grades by the program's example criteria, not approved by the board (set them in the "
                      "settings file's [grading] or on the grading page)"),
        ("actions", "Record what was actually done, one row per action (dates written as 31/03/2024), then import "
                    "it on the actions page or with python -m kmdash actions import; a row with only a member "
                    "number is left out")]
    assert [wb[name].max_row - 1 for name in wb.sheetnames[2:7]] == [listed[n] for n in range(1, 6)]
    assert {c.value for c in wb["Plan"]["A"][1:]} == set(head["member"])


def test_a_masked_about_sheet_names_its_masked_columns(result, masked):
    about = dict(list(workbook(plan_xlsx(masked.head(3), About.of(result), True, "en"))["About"].values)[1:])
    assert about["Contents"] == "Names masked"
