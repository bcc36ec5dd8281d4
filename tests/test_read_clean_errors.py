"""A sheet that is no loan ledger is told what it lacks: empty, no header, no amount, due-date or member
column (with the headers not known), no loan row under the header (with the commonest reason)."""

from __future__ import annotations

import pytest

from kmdash.errors import LedgerError
from kmdash.read.clean import clean_sheet
from kmdash.read.load import RawSheet

HEADER = ["เลขทะเบียนสมาชิก", "ชื่อ - สกุล", "วันครบกำหนดชำระ", "เงินต้นคงเหลือ"]


def told(rows: list[list], user_map: dict | None = None) -> LedgerError:
    with pytest.raises(LedgerError) as caught:
        clean_sheet(RawSheet(rows, "csv"), user_map)
    return caught.value


def test_an_empty_sheet_and_a_sheet_without_a_header():
    assert told([[None, ""], [], [" "]]).code == "sheet_empty"
    assert told([["สหกรณ์"], ["x", "y"]]).code == "no_header"


@pytest.mark.parametrize("dropped, what, needed", [
    ("เงินต้นคงเหลือ", "amount (principal outstanding or principal overdue)", "outstanding"),
    ("วันครบกำหนดชำระ", "due-date", "due_date"),
])
def test_a_missing_column_is_named_with_the_headers_not_known(dropped, what, needed):
    header = [h for h in HEADER if h != dropped] + ["ยอดพิเศษ", "รหัสลับ"]
    error = told([header, ["00001", "นาย ก", "31/03/2567", "100.00"]])
    assert (error.code, error.unmapped) == ("no_column", ["ยอดพิเศษ", "รหัสลับ"])
    assert error.en == (f"no {what} column found; unknown headers: ยอดพิเศษ, รหัสลับ — map one in the mapping "
                        f"form (command line: --map \"HEADER={needed}\")")
    assert error.th.startswith("ไม่พบคอลัมน์")


def test_without_member_numbers_or_names_the_member_column_is_asked_for_and_no_unknown_header_is_a_dash():
    error = told([["วันครบกำหนดชำระ", "เงินต้นคงเหลือ", "ชื่อกลุ่ม"], ["31/03/2567", "100.00", "ก"]])
    assert error.en.startswith("no member number or name column found; unknown headers: ")
    error = told([["วันครบกำหนดชำระ", "เงินต้นคงเหลือ", "เลขที่สัญญา"], ["31/03/2567", "100.00", "ก"]])
    assert (error.unmapped, "unknown headers: - —" in error.en) == ([], True)


def test_a_header_with_nothing_under_it_has_no_loans():
    error = told([["สหกรณ์"], HEADER])
    assert (error.code, error.en) == ("no_loans", "no loan rows under the header (row 2): all 0 rows skipped; "
                                      "check the sheet, and that each loan row has a member number, amounts "
                                      "and readable dates")


def test_rows_all_skipped_are_told_with_the_commonest_reason_and_its_column():
    error = told([HEADER, [None] * 4, ["00001", "นาย ก", "31/02/2567", "100.00"], ["00002", "นาย ข", "xx", "5.00"],
                  [None] * 4])
    assert error.en.startswith("no loan rows under the header (row 1): all 4 rows skipped (2×: blank row); ")
    error = told([HEADER, ["00001", "นาย ก", "31/02/2567", "100.00"], ["00002", "นาย ข", "xx", "5.00"], [None] * 4])
    assert "all 3 rows skipped (2×: date cannot be read due_date); " in error.en
    assert "ข้ามทั้ง 3 แถว (2×: อ่านวันที่ไม่ได้ due_date) " in error.th


def test_the_users_map_finds_the_header_and_maps_it():
    header = ["รหัส", "ชื่อ - สกุล", "วันครบกำหนดชำระ", "ยอดคงเหลือพิเศษ"]
    ledger = clean_sheet(RawSheet([["สหกรณ์"], header, ["00001", "นาย ก", "31/03/2567", "1,250.50"]], "csv"),
                         {"รหัส": "member_no", "ยอดคงเหลือพิเศษ": "outstanding"})
    assert ledger.loans[["member_no", "outstanding"]].to_dict("records") == [{"member_no": "00001",
                                                                              "outstanding": 1250.5}]
    assert (ledger.header_row, ledger.rows_read, ledger.titles, ledger.loans["row"].tolist()) == (2, 1, ["สหกรณ์"], [3])


def test_a_header_only_the_users_map_names_is_found():
    rows = [["สหกรณ์"], ["รหัส", "ผู้กู้", "กำหนดส่ง", "ยอดพิเศษ"], ["00001", "นาย ก", "31/03/2567", "1,250.50"]]
    assert told(rows).code == "no_header"
    ledger = clean_sheet(RawSheet(rows, "csv"), {"รหัส": "member_no", "ผู้กู้": "name", "กำหนดส่ง": "due_date",
                                                 "ยอดพิเศษ": "outstanding"})
    assert (ledger.header_row, ledger.loans["outstanding"].tolist()) == (2, [1250.5])


def test_statuses_are_coded_and_a_principal_overdue_column_alone_is_enough():
    rows = [["เลขทะเบียนสมาชิก", "วันครบกำหนดชำระ", "เงินต้นค้างชำระ", "สถานะหนี้"],
            ["00001", "31/03/2567", "100.00", "ฟ้องแล้ว"], ["00002", "31/03/2567", "5.00", "ปกติ"]]
    ledger = clean_sheet(RawSheet(rows, "csv"))
    assert ledger.loans["status"].tolist() == ["legal", "normal"]
    assert ledger.loans["principal_overdue"].tolist() == [100.0, 5.0] and "outstanding" not in ledger.loans


def test_names_stand_in_for_member_numbers_and_say_so():
    rows = [["ชื่อ - สกุล", "วันครบกำหนดชำระ", "เงินต้นคงเหลือ", "บัตร"],
            ["นาย ก", "31/03/2567", "100.00", "1"], ["นาย ก", "31/03/2567", "5.00", "2"]]
    ledger = clean_sheet(RawSheet(rows, "csv"))
    assert (ledger.keyed_by_name.unknown, ledger.keyed_by_name.shared) == (["บัตร"], {"บัตร": 1})
    assert ledger.loans["member_no"].tolist() == ["นาย ก", "นาย ก"]


def test_the_grand_total_leaves_out_blank_cells():
    rows = [["เลขทะเบียนสมาชิก", "วันครบกำหนดชำระ", "เงินต้นคงเหลือ", "เงินต้นค้างชำระ", "ค่าปรับ"],
            ["00001", "31/03/2567", "100.00", "10.00", "1.00"], ["รวมทั้งสิ้น", None, "100.00", " ", "1.00"]]
    assert clean_sheet(RawSheet(rows, "csv")).grand_total == {"outstanding": 100.0, "penalty": 1.0}
