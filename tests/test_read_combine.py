"""Several sheets of one date read as one ledger: the loans one after another with their sheet, the sheet's
name as the loan type where a loan has none, a column one sheet lacks empty there, the rows' accounts tagged
with their sheet, the totals added (none where a sheet has none), the first sheet's titles and header row."""

from __future__ import annotations

import io
from datetime import date

import pytest

from kmdash.pipeline import read
from kmdash.read.headers import FIELDS, MONEY_FIELDS
from kmdash.synthetic import LedgerShape, expected_totals, generate_loans, ledger_rows, write_sheets

from .support.figures import baht_equal
from .support.ledgers import AS_OF

FIRST, SECOND = "ชุดแรก", "ชุดสอง"  # not loan types: a loan without one takes the sheet's name
FIRST_SHAPE = LedgerShape(rename={"share_capital": "ยอดพิเศษ"})
SECOND_SHAPE = LedgerShape(drop_fields=("loan_type", "penalty", "guarantor"), title_rows=True,
                           rename={"share_capital": "ยอดพิเศษ", "deposits": "เงินอื่น"}, extra_column="หมายเหตุ")


def book(sheets: dict[str, list[list]]) -> bytes:
    buffer = io.BytesIO()
    write_sheets(sheets, buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def parts():
    loans = generate_loans(90, seed=31)
    first, second = loans.iloc[:50].copy(), loans.iloc[50:].copy()
    first.loc[first.index[:3], "loan_type"] = ""  # three loans without a type
    return first, second


@pytest.fixture  # read in each test: mutmut credits a test only with the code it runs itself
def two_sheets(parts):
    first, second = parts
    data = book({FIRST: ledger_rows(first, FIRST_SHAPE, AS_OF), SECOND: ledger_rows(second, SECOND_SHAPE, AS_OF)})
    return data, read(data), read(data, FIRST).ledger, read(data, SECOND).ledger


def test_the_loans_follow_one_another_each_with_its_sheet_in_the_readers_column_order(parts, two_sheets):
    first, second = parts
    _, reading, alone_first, alone_second = two_sheets
    loans = reading.ledger.loans
    assert reading.sheets_read == [FIRST, SECOND]
    assert loans["sheet"].tolist() == [FIRST] * len(first) + [SECOND] * len(second)
    assert list(loans.columns) == ["row", *[f for f in FIELDS if f in loans], "sheet"]
    assert "share_capital" not in loans and "deposits" in loans and "penalty" in loans
    assert loans["row"].tolist() == alone_first.loans["row"].tolist() + alone_second.loans["row"].tolist()
    assert loans.index.tolist() == list(range(len(first) + len(second)))


def test_a_loan_without_a_type_takes_its_sheets_name(parts, two_sheets):
    first, second = parts
    loans = two_sheets[1].ledger.loans
    want = {**dict(zip(first["contract"], first["loan_type"].replace("", FIRST))),
            **dict.fromkeys(second["contract"], SECOND)}
    assert dict(zip(loans["contract"], loans["loan_type"])) == want
    assert (loans["loan_type"] == FIRST).sum() == 3


def test_a_column_one_sheet_lacks_is_zero_baht_or_empty_text_there(parts, two_sheets):
    first, second = parts
    loans = two_sheets[1].ledger.loans
    second_rows = loans[loans["sheet"] == SECOND]
    assert (second_rows["penalty"] == 0.0).all() and (second_rows["deposits"] == 0.0).all()
    assert (second_rows["guarantor"] == "").all()
    assert loans[["penalty", "deposits", "guarantor"]].notna().all().all()
    sums = {f: round(float(loans[f].sum()), 2) for f in MONEY_FIELDS if f in loans}
    want = expected_totals(first)
    for f in ("penalty", "deposits"):
        assert baht_equal(sums[f], want[f])
    both = {f: expected_totals(first)[f] + expected_totals(second)[f] for f in ("outstanding", "principal_overdue")}
    assert all(baht_equal(sums[f], v) for f, v in both.items())


def test_the_grand_totals_are_added_field_by_field(parts, two_sheets):
    first, second = parts
    ledger = two_sheets[1].ledger
    one, two = expected_totals(first), expected_totals(second)
    total = ledger.grand_total
    assert set(total) == {"amount_lent", "outstanding", "principal_overdue", "interest_arrears", "penalty", "deposits"}
    assert baht_equal(total["penalty"], one["penalty"]) and baht_equal(total["deposits"], one["deposits"])
    assert all(baht_equal(total[f], one[f] + two[f]) for f in ("amount_lent", "outstanding", "principal_overdue",
                                                              "interest_arrears"))


def test_the_rows_accounts_are_tagged_with_their_sheet_and_counted_together(two_sheets):
    _, reading, alone_first, alone_second = two_sheets
    ledger = reading.ledger
    assert ledger.rows_read == alone_first.rows_read + alone_second.rows_read
    assert [(n.sheet, n.row, n.code) for n in ledger.skipped] == (
        [(FIRST, n.row, n.code) for n in alone_first.skipped] + [(SECOND, n.row, n.code) for n in alone_second.skipped])
    assert {n.code for n in ledger.skipped} >= {"subtotal", "grand_total"}


def test_the_first_sheet_gives_the_header_row_titles_and_date_and_unknown_headers_are_listed_once(two_sheets):
    _, reading, alone_first, _ = two_sheets
    ledger = reading.ledger
    assert (ledger.header_row, ledger.titles, ledger.title_as_of) == (
        alone_first.header_row, alone_first.titles, AS_OF)
    assert ledger.headers.columns == alone_first.headers.columns
    assert ledger.headers.unmapped == ["ยอดพิเศษ", "เงินอื่น"]
    assert ledger.headers.ignored == ["หมายเหตุ"]


def test_a_sheet_without_a_grand_total_leaves_the_whole_without_one(parts):
    first, second = parts
    data = book({FIRST: ledger_rows(first, FIRST_SHAPE, AS_OF),
                 SECOND: ledger_rows(second, LedgerShape(grand_total=False), AS_OF)})
    reading = read(data)
    assert reading.sheets_read == [FIRST, SECOND] and reading.ledger.grand_total is None
    assert reading.totals[FIRST] is not None and reading.totals[SECOND] is None


def test_notes_of_used_rows_are_tagged_with_their_sheet_and_names_keyed_from_the_sheet_that_needs_them(parts):
    first, second = parts
    rows = ledger_rows(second, LedgerShape(drop_fields=("member_no",), date_style="excel"), AS_OF)
    header = next(i for i, r in enumerate(rows) if "วันที่กู้" in r)
    rows[header + 1][rows[header].index("วันที่กู้")] = "31/02/2567"  # no such day: the cell is left blank
    data = book({FIRST: ledger_rows(first, FIRST_SHAPE, AS_OF), SECOND: rows})
    reading, alone = read(data), read(data, SECOND).ledger
    ledger = reading.ledger
    assert [(n.sheet, n.row, n.code, n.field) for n in ledger.notes] == [
        (SECOND, n.row, n.code, n.field) for n in alone.notes]
    assert any(n.field == "loan_date" and n.detail == "31/02/2567" for n in ledger.notes)
    assert alone.keyed_by_name is not None and ledger.keyed_by_name == alone.keyed_by_name


def test_sheets_of_another_date_are_left_out(parts):
    first, second = parts
    data = book({FIRST: ledger_rows(first, FIRST_SHAPE, AS_OF), SECOND: ledger_rows(second, SECOND_SHAPE,
                                                                                    date(2023, 3, 31))})
    reading = read(data)
    assert (reading.sheets_read, reading.sheets_left, reading.totals) == ([FIRST], [(SECOND, "other_date")], {})
    assert "sheet" not in reading.ledger.loans
