"""Header names -> fields: the catalogue, the user's mapping, unknown headers, where the header row is."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from openpyxl import Workbook

from kmdash import synthetic
from kmdash.errors import LedgerError
from kmdash.read import headers
from kmdash.read.clean import clean_sheet
from kmdash.read.headers import find_header, lookup, map_headers, parse_mapping
from kmdash.read.load import load_sheet
from kmdash.synthetic import HEADERS, LedgerShape, ledger_rows

from .support.ledgers import AS_OF


@pytest.mark.parametrize("style", sorted(HEADERS))
def test_every_generated_header_style_maps_every_field(style):
    names = HEADERS[style]
    result = map_headers(list(names.values()))
    assert result.columns == {field: i for i, field in enumerate(names)}
    assert result.unmapped == [] and result.ignored == []


@pytest.mark.parametrize("header, field", [
    ("Member No", "member_no"), ("Member ID", "member_no"), ("Member Name", "name"), ("Group", "group"),
    ("Contract No", "contract"), ("Loan Date", "loan_date"), ("Due Date", "due_date"),
    ("Loan Amount", "amount_lent"), ("Principal Balance", "outstanding"), ("Outstanding", "outstanding"),
    ("Overdue Principal", "principal_overdue"), ("Interest Arrears", "interest_arrears"),
    ("Share Capital", "share_capital"),
])
def test_english_headers_from_the_issue(header, field):
    assert lookup(header) == field
    assert lookup(header.upper()) == field
    assert lookup(f" {header}. ") == field


@pytest.mark.parametrize("header, field", [
    ("เลขทะเบียนสมาชิก", "member_no"), ("เลขที่สมาชิก", "member_no"), ("ชื่อ - สกุล", "name"),
    ("ชื่อสมาชิก", "name"), ("กลุ่มสมาชิก", "group"), ("ประเภทเงินกู้", "loan_type"),
    ("วันครบกำหนด", "due_date"), ("ยอดเงินกู้คงเหลือ", "outstanding"), ("ดอกเบี้ยค้าง", "interest_arrears"),
    ("ค่าปรับ", "penalty"), ("เงินฝาก", "deposits"), ("ผู้ค้ำประกัน", "guarantor"),
])
def test_thai_headers_from_the_brief(header, field):
    assert lookup(header) == field


def test_a_header_wrapped_onto_two_lines_in_its_cell():
    assert lookup("เงินต้น\nคงเหลือ") == "outstanding"
    assert lookup("วันครบ\nกำหนดชำระ") == "due_date"


@pytest.mark.parametrize("suffix", ["(บาท)", "(บ.)", "(Baht)", " (บาท)"],
                         ids=["baht", "baht-abbreviated", "baht-english", "baht-after-space"])
def test_a_unit_suffix_is_not_part_of_the_name(suffix):
    assert lookup("เงินต้นคงเหลือ" + suffix) == "outstanding"


def test_notes_column_is_ignored_not_unmapped():
    result = map_headers(["Member No", "Due Date", "Principal Balance", "Notes", "หมายเหตุ", "ลำดับ"])
    assert result.ignored == ["Notes", "หมายเหตุ", "ลำดับ"]
    assert result.unmapped == []
    assert set(result.columns) == {"member_no", "due_date", "outstanding"}


def test_an_unknown_header_is_reported_and_not_guessed():
    result = map_headers(["เลขทะเบียนสมาชิก", "วันครบกำหนดชำระ", "เงินต้นคงเหลือ", "ยอดผิดนัด"])
    assert result.unmapped == ["ยอดผิดนัด"]
    assert "principal_overdue" not in result.columns
    assert len(result.columns) == 3


def test_the_users_mapping_maps_the_unknown_header():
    mapping = parse_mapping(["ยอดผิดนัด=principal_overdue"])
    result = map_headers(["เลขทะเบียนสมาชิก", "วันครบกำหนดชำระ", "เงินต้นคงเหลือ", "ยอดผิดนัด"], mapping)
    assert result.columns["principal_overdue"] == 3
    assert result.unmapped == []


def test_the_users_mapping_can_ignore_a_column():
    mapping = parse_mapping(["ยอดผิดนัด=ignore"])
    result = map_headers(["เลขทะเบียนสมาชิก", "ยอดผิดนัด"], mapping)
    assert result.ignored == ["ยอดผิดนัด"] and result.unmapped == []


@pytest.mark.parametrize("pair", ["ยอดผิดนัด", "ยอดผิดนัด=overdue_principal", "=principal_overdue", "ยอดผิดนัด="])
def test_a_bad_mapping_is_a_ledger_error(pair):
    with pytest.raises(LedgerError):
        parse_mapping([pair])


def test_a_mapping_naming_an_unknown_field_lists_the_fields():
    with pytest.raises(LedgerError) as error:
        parse_mapping(["ยอดผิดนัด=overdue_principal"])
    assert "principal_overdue" in error.value.en and "ignore" in error.value.en


def test_every_field_name_and_ignore_are_accepted_by_the_mapping():
    for field in (*headers.FIELDS, "ignore"):
        assert parse_mapping([f"X={field}"]) == {headers.normalise("X"): field}


def test_the_header_row_is_found_below_the_title_rows(loans_120):
    rows = ledger_rows(loans_120, LedgerShape(), AS_OF)
    index, cells = find_header(rows)
    assert index == 4  # three title rows and a blank row above it
    assert cells[:2] == [HEADERS["th"]["member_no"], HEADERS["th"]["name"]]


def test_a_two_row_header_with_a_merged_group_cell(loans_120):
    """"ค้างชำระ" merged over "เงินต้น" and "ดอกเบี้ย"; the other headers merged down two rows."""
    loans = loans_120.head(5)
    wb = Workbook()
    ws = wb.active
    ws.append(["สหกรณ์การเกษตรตัวอย่าง จำกัด"])
    ws.append(["เลขทะเบียนสมาชิก", "ชื่อ - สกุล", "วันครบกำหนดชำระ", "เงินต้นคงเหลือ", "ค้างชำระ", None])
    ws.append([None, None, None, None, "เงินต้น", "ดอกเบี้ย"])
    for column in "ABCD":
        ws.merge_cells(f"{column}2:{column}3")
    ws.merge_cells("E2:F2")
    for loan in loans.itertuples():
        ws.append([loan.member_no, loan.name, synthetic.DATE_FORMATS["be_text"](loan.due_date.date()),
                   loan.outstanding, loan.principal_overdue, loan.interest_arrears])
    buffer = io.BytesIO()
    wb.save(buffer)

    ledger = clean_sheet(load_sheet(buffer.getvalue()))
    assert ledger.header_row == 3
    assert ledger.headers.columns == {"member_no": 0, "name": 1, "due_date": 2, "outstanding": 3,
                                      "principal_overdue": 4, "interest_arrears": 5}
    assert ledger.loans["principal_overdue"].tolist() == loans["principal_overdue"].tolist()
    assert ledger.loans["interest_arrears"].tolist() == loans["interest_arrears"].tolist()
    assert ledger.skipped == []


def test_catalogue_names_each_header_once():
    names = [headers.normalise(h) for names in headers.SYNONYMS.values() for h in names]
    names += [headers.normalise(h) for h in headers.KNOWN_EXTRAS]
    assert [n for n, k in Counter(names).items() if k > 1] == []


@pytest.mark.parametrize("header,field", [("ยอดหนี้คงเหลือ", "outstanding"), ("ชื่อ-สกุล", "name"),
                                          ("ชื่อสกุล", "name"), ("Outstanding Balance", "outstanding"),
                                          ("เลขที่สัญญาเงินกู้", "contract")])
def test_more_export_spellings(header, field):
    assert lookup(header) == field


# one header row mapped, by hand


def test_blank_header_cells_are_passed_over_and_the_rest_still_mapped():
    mapped = map_headers(["  ", "เลขทะเบียนสมาชิก", None, "เงินต้นคงเหลือ", "รหัสลับ"])
    assert (mapped.columns, mapped.unmapped, mapped.unknown) == (
        {"member_no": 1, "outstanding": 3}, ["รหัสลับ"], {4: "รหัสลับ"})


@pytest.mark.parametrize("cells, column", [
    (["ยอดหนี้คงเหลือ", "เงินต้นคงเหลือ"], 1),  # the more exact name wins wherever it stands
    (["เงินต้นคงเหลือ", "ยอดหนี้คงเหลือ"], 0),
    (["เงินต้นคงเหลือ", "เงินต้น คงเหลือ"], 0),  # two of the same: the first
], ids=["exact-second", "exact-first", "same-name"])
def test_two_headers_naming_one_field_keep_the_more_exact_and_report_the_other(cells, column):
    mapped = map_headers(cells)
    assert (mapped.columns, mapped.unmapped) == ({"outstanding": column}, [cells[1 - column]])


def test_the_users_mapping_wins_over_a_more_exact_catalogue_name():
    mapped = map_headers(["เงินต้นคงเหลือ", "ยอดหนี้คงเหลือ"], parse_mapping(["ยอดหนี้คงเหลือ=outstanding"]))
    assert (mapped.columns, mapped.unmapped) == ({"outstanding": 1}, ["เงินต้นคงเหลือ"])


def test_a_header_holding_an_equals_sign_is_split_at_the_last_one():
    assert parse_mapping(["ยอด=หนี้=outstanding", " ยอดผิดนัด = principal_overdue "]) == {
        headers.normalise("ยอด=หนี้"): "outstanding", headers.normalise("ยอดผิดนัด"): "principal_overdue"}


def test_bad_mappings_are_told_with_what_was_given():
    with pytest.raises(LedgerError) as told:
        parse_mapping(["ยอดผิดนัด"])
    assert (told.value.code, told.value.en) == ("map_bad_pair", "--map must look like HEADER=FIELD, got 'ยอดผิดนัด'")
    with pytest.raises(LedgerError) as told:
        parse_mapping(["ยอดผิดนัด=overdue_principal"])
    assert told.value.code == "map_bad_field"
    assert told.value.en.startswith("unknown field 'overdue_principal' in --map; use one of: member_no, name, group, ")
    assert told.value.en.endswith(", deposits, ignore")


def test_a_two_row_header_at_the_top_of_the_sheet_is_joined():
    rows = [["เลขทะเบียนสมาชิก", "วันครบกำหนดชำระ", "เงินต้น", "ดอกเบี้ย"], [None, None, "คงเหลือ", "ค้างชำระ"],
            ["00001", "31/03/2567", "100.00", "5.00"]]
    assert find_header(rows) == (1, ["เลขทะเบียนสมาชิก", "วันครบกำหนดชำระ", "คงเหลือ", "ดอกเบี้ยค้างชำระ"])


def test_a_two_row_headers_cells():
    joined = headers._two_row_cells(["  ", "ค้างชำระ", None, "อื่น ๆ"], ["เลขทะเบียนสมาชิก", "เงินต้น", "รหัส", " "])
    assert joined == ["เลขทะเบียนสมาชิก", "เงินต้นค้างชำระ", "รหัส", "อื่น ๆ"]  # "รหัส" names nothing with the group


def test_the_header_is_a_row_of_two_fields_or_more_within_the_first_hundred_rows():
    header = ["เลขทะเบียนสมาชิก", "เงินต้นคงเหลือ"]
    assert find_header([["x"]] * 99 + [header]) == (99, header)
    assert find_header([["x"]] * 100 + [header]) == (-1, [])
    assert find_header([["เงินต้นคงเหลือ"], ["00001"]]) == (-1, [])


def test_the_users_mapping_finds_a_header_the_catalogue_does_not_know():
    rows = [["รหัส", "ยอดพิเศษ"], ["00001", "5.00"]]
    assert find_header(rows, parse_mapping(["รหัส=member_no", "ยอดพิเศษ=outstanding"])) == (0, ["รหัส", "ยอดพิเศษ"])
    assert find_header(rows) == (-1, [])
