"""A second small sheet for a grading criterion: member numbers and one value, the header found below title
rows, a member's rows added up, the value column chosen by name, by a preferred word or as the first; each bad
sheet told in the criterion's words."""

from __future__ import annotations

import pytest

from kmdash.errors import LedgerError
from kmdash.read.extra import read_activities, read_extra

from .support.ledgers import workbook_bytes

TITLE = ["สหกรณ์การเกษตรตัวอย่าง จำกัด"]
HEADER = ["ลำดับ", "เลขทะเบียนสมาชิก", "ชื่อ - สกุล", None, "ร่วมประชุมใหญ่", "ซื้อปุ๋ย"]


def sheet(*body: list, header: list = HEADER) -> bytes:
    return workbook_bytes(TITLE, [], header, *body)


def test_members_values_are_read_below_the_titles_and_a_members_rows_added_up():
    extra = read_extra(sheet([1, "00002", "นาย ข", None, 1, 500.0], [2, "00001", "นาย ก", None, 2.5, 0],
                             [3, None, None, None, 9, 9], [4, " ", "", None, 9, 9], [5, "00002", "นาย ข", None, "1"],
                             [6, 3, "นาย ค"]))
    assert extra.header == "ร่วมประชุมใหญ่"  # the first value column: not a running number, name or blank header
    assert extra.values.to_dict("records") == [{"member_no": "00002", "value": 2.0},
                                               {"member_no": "00001", "value": 2.5},
                                               {"member_no": "3", "value": 0.0}]  # in the sheet's order; blank is 0


def test_a_value_column_can_be_named():
    extra = read_extra(sheet(["1", "00001", "นาย ก", None, 1, "1,250.50"]), column="ซื้อ ปุ๋ย")
    assert (extra.header, extra.values.to_dict("records")) == ("ซื้อปุ๋ย", [{"member_no": "00001", "value": 1250.5}])


def test_a_column_named_that_the_sheet_lacks_is_told():
    with pytest.raises(LedgerError) as told:
        read_extra(sheet(["1", "00001", "นาย ก", None, 1, 2]), column="ขายข้าว")
    assert (told.value.code, told.value.en) == ("grading_extra_no_value", "the extra sheet has no value column "
                                                "'ขายข้าว' (it needs member numbers and one value column)")


def test_a_sheet_of_member_numbers_and_names_only_has_no_value_column():
    with pytest.raises(LedgerError) as told:
        read_extra(workbook_bytes(["เลขทะเบียนสมาชิก", "ชื่อ - สกุล", None], ["00001", "นาย ก", 1]))
    assert told.value.en == "the extra sheet has no value column (it needs member numbers and one value column)"


def test_a_sheet_without_member_numbers_is_told_in_its_words():
    with pytest.raises(LedgerError) as told:
        read_extra(workbook_bytes(["ชื่อ", "ค่า"], ["นาย ก", 1]))
    assert told.value.code == "grading_extra_no_member"
    with pytest.raises(LedgerError) as told:
        read_activities(workbook_bytes(["ชื่อ", "กิจกรรม"], ["นาย ก", 1]))
    assert told.value.code == "grading_activities_no_member"


def test_a_value_that_is_not_a_number_names_its_row_and_header():
    with pytest.raises(LedgerError) as told:
        read_extra(sheet(["1", "00001", "นาย ก", None, 1], ["2", None, None, None, "x"],
                         ["3", "00002", "นาย ข", None, "มา"]))
    assert (told.value.code, told.value.en) == (
        "grading_extra_not_number", "extra sheet, row 6: 'ร่วมประชุมใหญ่' must be a number (e.g. 1 = attended, 0 = not)")


def test_activities_are_whole_numbers_from_zero_in_the_column_that_says_so():
    header = ["เลขทะเบียนสมาชิก", "ชื่อ - สกุล", "ประชุมใหญ่", "Activities Attended"]
    found = read_activities(workbook_bytes(header, ["00001", "นาย ก", 5, 2], ["00002", "นาย ข", 5, None],
                                           ["00003", "นาย ค", 5, 3]))
    assert (found.header, found.values.to_dict("records")) == ("Activities Attended", [
        {"member_no": "00001", "value": 2.0}, {"member_no": "00002", "value": 0.0}, {"member_no": "00003", "value": 3.0}])
    for bad in (-1, 1.5):
        with pytest.raises(LedgerError) as told:
            read_activities(workbook_bytes(header, ["00001", "นาย ก", 5, 2], ["00002", "นาย ข", 5, bad]))
        assert (told.value.code, told.value.en) == ("grading_activities_not_number", "activities file, row 3: "
                                                    "'Activities Attended' must be the number of activities attended (0, 1, 2, …)")


def test_an_extra_value_may_be_a_fraction_or_below_zero():
    extra = read_extra(workbook_bytes(["เลขทะเบียนสมาชิก", "คะแนน"], ["00001", -1.5], ["00002", 0.25]))
    assert extra.values["value"].tolist() == [-1.5, 0.25]
