"""Rows of a real-shaped sheet: every row read is used as a loan or skipped with its row number and reason."""

from __future__ import annotations

import io
from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from kmdash.read.clean import clean_sheet
from kmdash.read.load import load_sheet
from kmdash.read.loans import NO_GROUP
from kmdash.read.money import parse_money
from kmdash.reconcile import reconcile
from kmdash.report.summary import both_languages
from kmdash.synthetic import (
    HEADERS,
    LedgerShape,
    expected_totals,
    generate_loans,
    ledger_rows,
)

from .support.ledgers import AS_OF, MONEY, workbook_bytes, write_rows

NAME = 2  # column of "ชื่อ - สกุล" (1-based) in the default layout: subtotal and total labels go there


@pytest.fixture(scope="module")
def loans():
    return generate_loans(80, seed=21)


def read(path, user_map=None):
    ledger = clean_sheet(load_sheet(path), user_map)
    assert ledger.rows_read == len(ledger.loans) + len(ledger.skipped)
    used, skipped = set(ledger.loans["row"]), {s.row for s in ledger.skipped}
    assert not used & skipped
    assert used | skipped == set(range(ledger.header_row + 1, ledger.header_row + 1 + ledger.rows_read))
    return ledger


def reasons(ledger) -> dict[int, str]:
    return {s.row: both_languages(s) for s in ledger.skipped}


def row_numbers(rows: list[list], test) -> list[int]:
    """1-based numbers of the sheet rows for which test(row) holds."""
    return [i + 1 for i, r in enumerate(rows) if test(r)]


def label(row: list) -> str:
    return row[NAME - 1] or ""


def contract_row(rows: list[list], contract: str) -> int:
    """Index in rows of the loan with this contract (column 4 in the default layout)."""
    return next(i for i, r in enumerate(rows) if r[3] == contract)


def test_subtotal_rows_are_skipped_and_listed_with_row_and_reason(tmp_path, loans):
    rows = ledger_rows(loans, LedgerShape(), AS_OF)
    ledger = read(write_rows(rows, tmp_path / "l.xlsx"))
    subtotals = row_numbers(rows, lambda r: label(r).startswith("รวม ") and label(r) != "รวมทั้งสิ้น")
    assert len(subtotals) == loans["group"].nunique()
    for number in subtotals:
        assert "subtotal" in reasons(ledger)[number]
        assert label(rows[number - 1])[4:] in reasons(ledger)[number]  # names the group
    assert len(ledger.loans) == len(loans)


def test_grand_total_is_skipped_and_used_for_reconciliation(tmp_path, loans):
    rows = ledger_rows(loans, LedgerShape(), AS_OF)
    ledger = read(write_rows(rows, tmp_path / "l.xlsx"))
    [total_row] = row_numbers(rows, lambda r: label(r) == "รวมทั้งสิ้น")
    assert "grand total" in reasons(ledger)[total_row]
    assert ledger.grand_total == expected_totals(loans)
    result = reconcile(ledger.loans, ledger.grand_total)
    assert result.has_total and result.matches
    assert all(abs(d) < 0.005 for d in result.differences.values())


def test_no_grand_total_means_nothing_to_reconcile(tmp_path, loans):
    ledger = read(write_rows(ledger_rows(loans, LedgerShape(grand_total=False), AS_OF), tmp_path / "l.xlsx"))
    assert ledger.grand_total is None
    result = reconcile(ledger.loans, ledger.grand_total)
    assert (result.has_total, result.matches) == (False, None)


def test_blank_rows_and_signature_lines_are_skipped(tmp_path, loans):
    rows = ledger_rows(loans, LedgerShape(blank_rows=4), AS_OF)
    ledger = read(write_rows(rows, tmp_path / "l.xlsx"))
    header = row_numbers(rows, lambda r: r[0] == HEADERS["th"]["member_no"])[0]
    blanks = [n for n in row_numbers(rows, lambda r: all(c is None for c in r)) if n > header]
    signatures = row_numbers(rows, lambda r: label(r).startswith("ลงชื่อ"))
    assert len(blanks) == 5 and len(signatures) == 2  # four between loans, one above the signatures
    assert all("blank" in reasons(ledger)[n] for n in blanks)
    assert all("ลงชื่อ" in reasons(ledger)[n] for n in signatures)


def test_signature_lines_are_skipped_in_a_ledger_without_member_numbers_or_total(tmp_path, loans):
    shape = LedgerShape(drop_fields=("member_no",), grand_total=False)
    rows = ledger_rows(loans, shape, AS_OF)
    ledger = read(write_rows(rows, tmp_path / "l.xlsx"))
    signatures = row_numbers(rows, lambda r: (r[0] or "").startswith("ลงชื่อ"))
    assert len(signatures) == 2
    assert set(signatures) <= set(reasons(ledger))
    assert len(ledger.loans) == len(loans)


def test_rows_below_the_grand_total_are_skipped(tmp_path, loans):
    rows = ledger_rows(loans, LedgerShape(signature=False), AS_OF)
    width = len(rows[0])
    copy_of_a_loan = list(rows[5])
    note = ["หมายเหตุ: ยอดนี้ไม่รวมลูกหนี้ที่ตัดจำหน่ายแล้ว"] + [None] * (width - 1)
    rows += [copy_of_a_loan, note]
    ledger = read(write_rows(rows, tmp_path / "l.xlsx"))
    below = [len(rows) - 1, len(rows)]
    assert all("below the grand total" in reasons(ledger)[n] for n in below)
    assert len(ledger.loans) == len(loans)
    assert reconcile(ledger.loans, ledger.grand_total).matches


def test_text_amounts_are_parsed(tmp_path, loans):
    rows = ledger_rows(loans, LedgerShape(text_amount_share=1.0), AS_OF)
    assert isinstance(rows[5][7], str) and "," in rows[5][7]  # amount lent, e.g. "30,000.00"
    ledger = read(write_rows(rows, tmp_path / "l.xlsx"))
    totals = expected_totals(loans)
    for field in MONEY:
        assert round(ledger.loans[field].sum(), 2) == pytest.approx(totals[field], abs=0.005)
    assert reconcile(ledger.loans, ledger.grand_total).matches


def test_money_text_forms():
    values, bad = parse_money(["12,500.00", "(1,200.00)", "-", "฿1,200", "1,200 บาท", 3.5, 7, None, "",
                               "สิบบาท", "12.5.0"])
    assert values.tolist()[:9] == [12500.0, -1200.0, 0.0, 1200.0, 1200.0, 3.5, 7.0, 0.0, 0.0]
    assert bad.tolist() == [False] * 9 + [True, True]


SMALL_HEADER = ["เลขทะเบียนสมาชิก", "ชื่อ - สกุล", "วันครบกำหนดชำระ", "เงินต้นคงเหลือ"]


def test_member_numbers_keep_leading_zeros_and_excel_numbers_lose_the_point_zero():
    data = workbook_bytes(*[SMALL_HEADER, ["00017", "นาย ก", "31/03/2567", 100.0], [17.0, "นาย ข", "31/03/2567", 100.0],
                  [18, "นาย ค", "31/03/2567", 100.0]])
    ledger = read(data)
    assert ledger.loans["member_no"].tolist() == ["00017", "17", "18"]


def test_csv_member_numbers_keep_leading_zeros(tmp_path, loans):
    ledger = read(write_rows(ledger_rows(loans, LedgerShape(), AS_OF), tmp_path / "l.csv"))
    assert set(ledger.loans["member_no"]) == set(loans["member_no"])
    assert all(m.startswith("00") for m in ledger.loans["member_no"])


@pytest.mark.parametrize("column, bad_text, field", [(9, "ไม่ทราบ", "outstanding"), (8, "12,5OO.00", "amount_lent")])
def test_an_unreadable_amount_skips_the_row_and_reconciliation_differs_by_it(tmp_path, loans, column, bad_text,
                                                                              field):
    rows = ledger_rows(loans, LedgerShape(), AS_OF)
    victim = loans.iloc[10]
    index = contract_row(rows, victim["contract"])
    rows[index][column - 1] = bad_text
    ledger = read(write_rows(rows, tmp_path / "l.xlsx"))
    reason = reasons(ledger)[index + 1]
    assert "amount" in reason and field in reason and bad_text in reason
    assert len(ledger.loans) == len(loans) - 1
    result = reconcile(ledger.loans, ledger.grand_total)
    assert result.matches is False
    for money in MONEY:
        assert result.differences[money] == pytest.approx(-victim[money], abs=0.005), money


def test_an_unreadable_due_date_skips_the_row_with_a_reason(tmp_path, loans):
    rows = ledger_rows(loans, LedgerShape(), AS_OF)
    victim = loans.iloc[3]
    index = contract_row(rows, victim["contract"])
    rows[index][6] = "31/02/2567"
    ledger = read(write_rows(rows, tmp_path / "l.xlsx"))
    reason = reasons(ledger)[index + 1]
    assert "date" in reason and "due_date" in reason and "31/02/2567" in reason
    assert victim["contract"] not in set(ledger.loans["contract"])
    assert reconcile(ledger.loans, ledger.grand_total).differences["outstanding"] == \
        pytest.approx(-victim["outstanding"], abs=0.005)


def _group_of_contract(loans: pd.DataFrame) -> dict[str, str]:
    return dict(zip(loans["contract"], loans["group"]))


def test_no_group_column_groups_from_the_subtotals_below(tmp_path, loans):
    rows = ledger_rows(loans, LedgerShape(drop_fields=("group",)), AS_OF)
    ledger = read(write_rows(rows, tmp_path / "l.xlsx"))
    assert "group" not in ledger.headers.columns
    assert dict(zip(ledger.loans["contract"], ledger.loans["group"])) == _group_of_contract(loans)


def test_no_group_column_groups_from_the_headings_above(tmp_path, loans):
    rows = ledger_rows(loans, LedgerShape(drop_fields=("group",), subtotals=False, blank_rows=0), AS_OF)
    group_of = _group_of_contract(loans)
    width, contract_col = len(rows[0]), rows[4].index("เลขที่สัญญา")
    with_headings, current = [], None
    for r in rows:
        group = group_of.get(r[contract_col])
        if group and group != current:
            with_headings.append([None, group] + [None] * (width - 2))
            current = group
        with_headings.append(r)
    ledger = read(write_rows(with_headings, tmp_path / "l.xlsx"))
    assert dict(zip(ledger.loans["contract"], ledger.loans["group"])) == group_of
    headings = row_numbers(with_headings, lambda r: r[0] is None and (r[1] or "").startswith("กลุ่ม"))
    assert len(headings) == loans["group"].nunique()
    assert all("heading" in reasons(ledger)[n] for n in headings)


def test_no_group_column_and_no_group_rows_gives_the_no_group_label(tmp_path, loans):
    shape = LedgerShape(drop_fields=("group",), subtotals=False)
    ledger = read(write_rows(ledger_rows(loans, shape, AS_OF), tmp_path / "l.xlsx"))
    assert set(ledger.loans["group"]) == {NO_GROUP}


def test_repeated_header_rows_mid_sheet_are_skipped(tmp_path, loans):
    rows = ledger_rows(loans, LedgerShape(), AS_OF)
    header = list(rows[4])
    rows.insert(30, header)
    rows.insert(60, header)
    ledger = read(write_rows(rows, tmp_path / "l.xlsx"))
    assert "repeated header" in reasons(ledger)[31]
    assert "repeated header" in reasons(ledger)[61]
    assert len(ledger.loans) == len(loans)
    assert reconcile(ledger.loans, ledger.grand_total).matches


def test_skipped_and_used_row_numbers_are_the_spreadsheets_own(tmp_path, loans):
    path = write_rows(ledger_rows(loans, LedgerShape(blank_rows=3), AS_OF), tmp_path / "l.xlsx")
    ledger = read(path)
    sheet = [list(r) for r in load_workbook(path, read_only=True).active.iter_rows(values_only=True)]
    cell = lambda row, column: sheet[row - 1][column - 1] if len(sheet[row - 1]) >= column else None  # noqa: E731
    assert cell(ledger.header_row, 1) == HEADERS["th"]["member_no"]
    for loan in ledger.loans.itertuples():
        assert cell(loan.row, 4) == loan.contract
    for skip in ledger.skipped:
        text = cell(skip.row, NAME)
        if "blank" in both_languages(skip):
            assert all(c is None for c in sheet[skip.row - 1])
        else:
            assert text in both_languages(skip)


def test_row_numbers_when_the_table_starts_at_row_3_column_b():
    wb = Workbook()
    ws = wb.active
    for j, text in enumerate(SMALL_HEADER):
        ws.cell(row=3, column=2 + j, value=text)
    ws.cell(row=5, column=2, value="00001")
    ws.cell(row=5, column=3, value="นาย ก")
    ws.cell(row=5, column=4, value="31/03/2567")
    ws.cell(row=5, column=5, value=100.0)
    ws.cell(row=6, column=3, value="รวมทั้งสิ้น")
    ws.cell(row=6, column=5, value=100.0)
    buffer = io.BytesIO()
    wb.save(buffer)
    ledger = read(buffer.getvalue())
    assert ledger.header_row == 3
    assert ledger.loans["row"].tolist() == [5]
    assert [(s.row, s.code) for s in ledger.skipped] == [(4, "blank"), (6, "grand_total")]


def test_rows_without_member_number_or_name_are_skipped(tmp_path, loans):
    rows = ledger_rows(loans, LedgerShape(), AS_OF)
    stray = [None] * len(rows[0])
    stray[3] = "สส.99/99999"  # a contract number alone, no member, no amount
    rows.insert(20, stray)
    ledger = read(write_rows(rows, tmp_path / "l.xlsx"))
    assert "no member" in reasons(ledger)[21]
    assert len(ledger.loans) == len(loans)


def test_the_used_loans_carry_the_files_values(tmp_path, loans):
    ledger = read(write_rows(ledger_rows(loans, LedgerShape(), AS_OF), tmp_path / "l.xlsx"))
    got = ledger.loans.set_index("contract").loc[loans["contract"]]
    for field in ("member_no", "name", "group", "loan_type", "guarantor"):
        assert got[field].tolist() == loans[field].tolist(), field
    for field in MONEY:
        assert np.allclose(got[field].to_numpy(), loans[field].to_numpy(), atol=0.001), field
    assert ledger.title_as_of == AS_OF


def test_the_as_of_comes_from_the_ณ_วันที่_line_not_a_print_date(tmp_path, loans):
    rows = ledger_rows(loans, LedgerShape(), AS_OF)
    rows.insert(1, ["วันที่พิมพ์ 05/04/2567"] + [None] * (len(rows[0]) - 1))
    assert read(write_rows(rows, tmp_path / "l.xlsx")).title_as_of == date(2024, 3, 31)


HEAD = ["เลขที่สมาชิก", "ชื่อสมาชิก", "กลุ่ม", "วันครบกำหนด", "ยอดหนี้คงเหลือ"]


def test_a_last_รวม_row_alone_is_the_grand_total():
    ledger = clean_sheet(load_sheet(workbook_bytes(
        HEAD, ["1", "ก", "A", "31/03/2566", 100], ["2", "ข", "A", "31/03/2568", 50.25],
        ["รวม", None, None, None, 150.25])))
    assert ledger.grand_total == {"outstanding": 150.25}
    assert reconcile(ledger.loans, ledger.grand_total).matches


def test_a_last_รวม_row_equal_to_the_subtotals_is_the_grand_total_not_a_subtotal():
    ledger = clean_sheet(load_sheet(workbook_bytes(
        HEAD, ["1", "ก", "A", "31/03/2566", 100], ["รวม", None, None, None, 100],
        ["2", "ข", "B", "31/03/2568", 50], ["รวม", None, None, None, 50], ["รวม", None, None, None, 150])))
    assert ledger.grand_total == {"outstanding": 150.0}
    assert [s.code for s in ledger.skipped] == ["subtotal", "subtotal", "grand_total"]


def test_group_subtotals_alone_are_not_a_grand_total():
    ledger = clean_sheet(load_sheet(workbook_bytes(
        HEAD, ["1", "ก", "A", "31/03/2566", 100], ["รวม", None, None, None, 100],
        ["2", "ข", "B", "31/03/2568", 50], ["รวม", None, None, None, 50])))
    assert ledger.grand_total is None


def test_loan_rows_under_a_members_first_loan_take_its_member():
    ledger = clean_sheet(load_sheet(workbook_bytes(
        HEAD + ["เลขที่สัญญา"], ["00017", "นาย ก", "A", "31/03/2566", 100, "ส1"],
        [None, None, None, "31/03/2567", 40, "ส2"], ["รวม", None, None, None, 140, None])))
    assert ledger.loans[["member_no", "name", "group", "contract"]].values.tolist() == [
        ["00017", "นาย ก", "A", "ส1"], ["00017", "นาย ก", "A", "ส2"]]


@pytest.mark.parametrize("title", ["ทะเบียนลูกหนี้ ตั้งแต่วันที่ 1 เมษายน 2566 ถึงวันที่ 31 มีนาคม 2567",
                                   "Loan ledger for 1/4/2023 to 31/3/2024", "ณ วันที่ 31 มี.ค. 67",
                                   "Loans as at 31 March 2024"])
def test_the_as_of_is_the_report_date_of_the_title(title):
    ledger = clean_sheet(load_sheet(workbook_bytes([title], HEAD, ["1", "ก", "A", "31/03/2566", 100])))
    assert ledger.title_as_of == date(2024, 3, 31)


NO_GROUP_HEAD = ["เลขที่สมาชิก", "ชื่อสมาชิก", "เลขที่สัญญา", "วันครบกำหนด", "ยอดหนี้คงเหลือ"]


def test_an_unlabelled_amounts_row_is_skipped_not_added_to_the_member_above():
    ledger = clean_sheet(load_sheet(workbook_bytes(
        NO_GROUP_HEAD, ["00017", "นาย ก", "ส1", "31/03/2566", 100], [None, None, None, None, 100])))
    assert ledger.loans["outstanding"].tolist() == [100.0]
    assert [s.row for s in ledger.skipped] == [3]


def test_without_a_group_column_a_lone_text_row_heads_the_loans_below():
    ledger = clean_sheet(load_sheet(workbook_bytes(
        NO_GROUP_HEAD, ["บ้านหนองบัว"], ["00017", "นาย ก", "ส1", "31/03/2566", 100],
        ["หมู่ 3 บ้านนาดี"], ["00018", "นาย ข", "ส2", "31/03/2566", 50])))
    assert ledger.loans["group"].tolist() == ["บ้านหนองบัว", "หมู่ 3 บ้านนาดี"]
    assert all(s.code == "heading" for s in ledger.skipped)


def test_a_ragged_csv_with_short_rows_is_read(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("เลขทะเบียนสมาชิก,วันครบกำหนดชำระ,เงินต้นคงเหลือ,ดอกเบี้ยค้างชำระ\n"
                    "00001,31/03/2566,100\n00002,31/03/2566,50,2\n", encoding="cp874")
    ledger = clean_sheet(load_sheet(path))
    assert ledger.loans[["outstanding", "interest_arrears"]].values.tolist() == [[100.0, 0.0], [50.0, 2.0]]


def test_an_unreadable_loan_date_keeps_the_loan_and_is_noted():
    ledger = clean_sheet(load_sheet(workbook_bytes(
        ["เลขที่สมาชิก", "วันที่กู้", "วันครบกำหนด", "ยอดหนี้คงเหลือ"],
        ["00017", "ไม่ระบุ", "31/03/2566", 100], ["00018", "1/4/2565", "-", 50])))
    assert ledger.loans["outstanding"].tolist() == [100.0, 50.0]
    assert ledger.skipped == []
    assert [n.row for n in ledger.notes] == [2] and "ไม่ระบุ" in ledger.notes[0].detail
    assert ledger.loans["due_date"].isna().tolist() == [False, True]


def test_a_real_date_or_serial_beside_ณ_วันที่_is_the_as_of():
    for cell in (datetime(2024, 3, 31), 45382.0):
        ledger = clean_sheet(load_sheet(workbook_bytes(["ณ วันที่", cell], HEAD, ["1", "ก", "A", "31/03/2566", 1])))
        assert ledger.title_as_of == date(2024, 3, 31)


def test_a_member_whose_name_starts_with_รวม_is_a_member_not_a_subtotal():
    ledger = clean_sheet(load_sheet(workbook_bytes(
        ["ชื่อสมาชิก", "วันครบกำหนด", "ยอดหนี้คงเหลือ"], ["รวมพล ใจดี", "31/03/2566", 100],
        ["รวม", None, 100])))
    assert ledger.loans["name"].tolist() == ["รวมพล ใจดี"] and ledger.grand_total == {"outstanding": 100.0}


def test_the_header_is_found_below_many_title_rows():
    ledger = clean_sheet(load_sheet(workbook_bytes(*[[f"หมายเหตุ {i}"] for i in range(60)], HEAD,
                                                   ["1", "ก", "A", "31/03/2566", 1])))
    assert ledger.header_row == 61


def test_a_grand_total_labelled_ทั้งสิ้น_and_headings_that_carry_their_groups_totals():
    ledger = clean_sheet(load_sheet(workbook_bytes(
        ["เลขที่สมาชิก", "ชื่อสมาชิก", "วันครบกำหนด", "ยอดหนี้คงเหลือ"],
        [None, "กลุ่มที่ 1 บ้านนา", None, 800], ["1", "ก", "31/03/2566", 800],
        [None, "กลุ่มที่ 2 บ้านไร่", None, 700], ["2", "ข", "31/03/2566", 700],
        [None, "ทั้งสิ้น", None, 1500])))
    assert ledger.loans[["member_no", "group"]].values.tolist() == [["1", "กลุ่มที่ 1 บ้านนา"], ["2", "กลุ่มที่ 2 บ้านไร่"]]
    assert ledger.grand_total == {"outstanding": 1500.0}


def test_a_header_that_carries_the_report_date_is_still_known():
    ledger = clean_sheet(load_sheet(workbook_bytes(
        ["เลขที่สมาชิก", "วันครบกำหนด", "เงินต้นคงเหลือ ณ 31 มี.ค. 67", "เงินต้นค้างชำระ ณ วันที่ 31/03/2567"],
        ["1", "31/03/2566", 800, 100])))
    assert {"outstanding", "principal_overdue"} <= ledger.headers.columns.keys()


@pytest.mark.parametrize("text, baht", [
    ("23691.39", 23691.39), ("12,500.00", 12500.0), ("-1,200.5", -1200.5), ("฿1,200", 1200.0),
    ("12,500.50 บาท", 12500.5), ("100 บ.", 100.0), ("1,250.-", 1250.0), ("(1,200.00)", -1200.0),
    ("1,200.00-", -1200.0), ("5-", -5.0), ("-", 0.0), ("–", 0.0), ("(500", None), ("50000,50", None),
    ("1.234,5", None), ("ไม่มี", None),
])
def test_money_as_exports_write_it(text, baht):
    """Whole baht with ".-", negatives in brackets or with a trailing minus, a dash for zero; commas that do
    not group thousands are not money."""
    from kmdash.read.money import money_text

    assert money_text(text) == baht


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # "1e+308" overflows when rounded, as it always has
@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(
    st.text(alphabet="0123456789,.-()฿ ๑๒e+_a", max_size=14),
    st.decimals(-10**9, 10**9, places=2, allow_nan=False).map(lambda d: f"{d:,}" if d.as_tuple().digits[0] % 2 else str(d)),
), min_size=1, max_size=30))
def test_a_column_of_texts_reads_as_each_text_alone(texts):
    """The fast path for plain and grouped numbers agrees with money_text, text by text."""
    from kmdash.read.money import money_text

    values, bad = parse_money(np.array(texts, dtype=object))
    alone = [money_text(t) for t in texts]
    assert bad.tolist() == [a is None for a in alone]
    assert values.tolist() == [0.0 if a is None or a != a else float(np.round(a, 2)) for a in alone]  # as numpy rounds


def test_plain_and_grouped_amounts_are_read_in_arrow_and_the_rest_once_per_text(monkeypatch):
    """A column of text alone (as a grand total's cell comes): only the texts Arrow does not read reach
    money_text, each distinct one once."""
    import kmdash.read.money as money

    seen, real = [], money.money_text
    monkeypatch.setattr(money, "money_text", lambda text: seen.append(text) or real(text))
    values, bad = parse_money(["23691.39", "12,500.00", "-5", "(1,200.00)", "ไม่มี", "(1,200.00)"])
    assert values.tolist() == [23691.39, 12500.0, -5.0, -1200.0, 0.0, -1200.0]
    assert bad.tolist() == [False, False, False, False, True, False]
    assert sorted(seen) == ["(1,200.00)", "ไม่มี"]


def test_amounts_are_rounded_to_the_satang_and_unreadable_cells_marked():
    values, bad = parse_money(np.array(["1.2345", 7.891, None, "ไม่มี", datetime(2024, 3, 31), "12"], dtype=object))
    assert values.tolist() == [1.23, 7.89, 0.0, 0.0, 0.0, 12.0]
    assert bad.tolist() == [False, False, False, True, True, False]


def test_what_each_cell_holds():
    """A number is a float or an int, not TRUE; a date, a time or TRUE is other; the text-only reading agrees
    on grids of text and None."""
    from kmdash.read.cells import NONE, NUMBER, OTHER, TEXT, cell_kinds

    cells = np.array([None, "", "ก", 1.5, 2, True, datetime(2024, 3, 31), float("nan")], dtype=object)
    assert cell_kinds(cells).tolist() == [NONE, TEXT, TEXT, NUMBER, NUMBER, OTHER, OTHER, NUMBER]
    assert cell_kinds(cells).dtype == np.uint8
    texts = np.array([[None, "ก"], ["", None]], dtype=object)
    assert cell_kinds(texts, text_only=True).tolist() == cell_kinds(texts).tolist() == [[NONE, TEXT], [TEXT, NONE]]


def test_every_header_name_and_total_label_holds_a_letter():
    """Texts without a letter are not looked up as a repeated header or a total: none of them could be one
    (an extra column may be "#")."""
    from kmdash.read.cells import has_letter
    from kmdash.read.headers import _LOOKUP, IGNORE

    assert has_letter(np.array([None, None], dtype=object)).tolist() == [False, False]
    names = np.array([name for name, field in _LOOKUP.items() if field != IGNORE], dtype=object)
    assert has_letter(names).all()
    labels = np.array(["รวม", "ยอดรวม กลุ่ม 1", "Sub-total", "TOTAL", "12,500.00", "00017", "31/03/2567", None, "²"],
                      dtype=object)
    assert has_letter(labels).tolist() == [True] * 4 + [False] * 5


def test_cells_as_texts_numbers_as_their_digits_and_blanks_as_blanks():
    """A contract or member number typed as a number reads as its digits; NaN and empty text read as blank;
    text not yet cleaned (a CSV's) is stripped, a no-break space as a space."""
    from kmdash.read.cells import as_texts, cell_kinds, filled_cells, text_cells

    raw = np.array([None, "  ก\xa0ข ", "", 17.0, 2.5, float("nan"), datetime(2024, 3, 31)], dtype=object)
    kinds = cell_kinds(raw)
    texts = text_cells(raw, kinds)
    assert texts.tolist() == [None, "ก ข", None, None, None, None, None]
    assert as_texts(raw, texts, kinds).tolist() == [None, "ก ข", None, "17", "2.5", None, "2024-03-31 00:00:00"]
    assert filled_cells(raw, kinds, clean=False).tolist() == [False, True, False, True, True, True, True]


def test_a_skipped_cell_is_shown_short():
    """At most 40 characters, a date cell at midnight as its date alone, nothing for a blank."""
    from kmdash.read.cells import short

    assert short("ก" * 40) == "ก" * 40
    assert short("ก" * 41) == "ก" * 39 + "…"
    assert short("2024-03-31 00:00:00") == "2024-03-31"
    assert short("2024-03-31 08:30:00") == "2024-03-31 08:30:00"
    assert [short(None), short(float("nan")), short(17.5)] == ["", "", "17.5"]


@pytest.mark.parametrize("repeated", [
    [None, None, "วันครบกำหนด", 0, 0],  # the due date's header alone
    [None, None, None, "เงินต้นคงเหลือ", 0],  # the outstanding amount's alone
    [None, None, None, 0, "เงินต้นค้างชำระ"],  # the overdue principal's alone
])
def test_a_header_repeated_in_any_one_of_its_columns_is_a_repeated_header(repeated):
    """A page break that repeats only part of the header; another page's full header does not hide it."""
    header = ["เลขที่สมาชิก", "ชื่อสมาชิก", "วันครบกำหนด", "เงินต้นคงเหลือ", "เงินต้นค้างชำระ"]
    ledger = clean_sheet(load_sheet(workbook_bytes(
        header, ["1", "ก", "31/03/2566", 800, 100], repeated, ["2", "ข", "31/03/2566", 700, 0],
        header, ["3", "ค", "31/03/2566", 600, 0])))
    assert [(s.row, s.code) for s in ledger.skipped] == [(3, "repeated_header"), (5, "repeated_header")]
    assert ledger.loans["member_no"].tolist() == ["1", "2", "3"]


def test_without_a_group_column_each_loan_takes_the_nearest_way_its_group_is_written():
    """A heading above, else a subtotal below that names the group, else a lone text row above; a way found
    for one group leaves the groups found another way as they are."""
    ledger = clean_sheet(load_sheet(workbook_bytes(
        ["เลขที่สมาชิก", "ชื่อสมาชิก", "วันครบกำหนด", "เงินต้นคงเหลือ"],
        [None, "กลุ่มที่ 1 บ้านนา", None, None], ["1", "ก", "31/03/2566", 800], [None, "รวม", None, 800],
        ["2", "ข", "31/03/2566", 700], [None, "รวม กลุ่มที่ 2 บ้านไร่", None, 700],
        [None, "ดอนแก้ว", None, None], ["3", "ค", "31/03/2566", 600], [None, "รวม", None, 600],
        [None, "รวมทั้งสิ้น", None, 2100])))
    assert ledger.loans["group"].tolist() == ["กลุ่มที่ 1 บ้านนา", "กลุ่มที่ 2 บ้านไร่", "ดอนแก้ว"]


def test_a_members_later_loan_after_a_page_break_keeps_the_member_and_name():
    """Carry rows and the repeated header between a member's loans are passed through, not taken as the member,
    the name or a subtotal."""
    header = ["เลขที่สมาชิก", "ชื่อสมาชิก", "เลขที่สัญญา", "วันครบกำหนด", "เงินต้นคงเหลือ"]
    ledger = clean_sheet(load_sheet(workbook_bytes(
        header, ["1", "ก", "ส1", "31/03/2566", 800], [None, "ยอดยกไป", None, None, 800],
        header, [None, "ยอดยกมา", None, None, 800], [None, None, "ส2", "31/03/2567", 500],
        [None, "รวมทั้งสิ้น", None, None, 1300])))
    assert ledger.loans[["member_no", "name", "contract"]].values.tolist() == [["1", "ก", "ส1"], ["1", "ก", "ส2"]]
    assert [(s.row, s.code) for s in ledger.skipped] == [
        (3, "carry_row"), (4, "repeated_header"), (5, "carry_row"), (7, "grand_total")]
    assert ledger.grand_total == {"outstanding": 1300.0}


def test_a_loan_without_a_due_date_is_not_taken_for_the_heading_its_group_cell_names():
    """Only a row without a member number can be a group heading, also when it carries its group's total; a
    loan whose due date is blank stays a loan of its group."""
    ledger = clean_sheet(load_sheet(workbook_bytes(
        ["เลขที่สมาชิก", "ชื่อสมาชิก", "กลุ่ม", "วันครบกำหนด", "เงินต้นคงเหลือ"],
        ["1", "ก", "กลุ่มที่ 1", "31/03/2566", 800], ["2", "ข", "กลุ่มที่ 1", None, 700],
        [None, "กลุ่มที่ 2 บ้านไร่", None, None, 300], ["3", "ค", None, "31/03/2566", 300])))
    assert ledger.loans[["member_no", "group"]].values.tolist() == [
        ["1", "กลุ่มที่ 1"], ["2", "กลุ่มที่ 1"], ["3", "กลุ่มที่ 2 บ้านไร่"]]
    assert [(s.row, s.code, s.detail) for s in ledger.skipped] == [(4, "heading", "กลุ่มที่ 2 บ้านไร่")]
