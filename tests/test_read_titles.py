"""The title rows above the header: a date cell beside "ณ วันที่" as its ISO date, the report's as-of date
(the marked one, not an opening balance's or a print date), and the co-op's name."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from kmdash.read.titles import as_of_from_titles, coop_name, title_cell, title_lines

EXCEL_DAY_ZERO = date(1899, 12, 30)  # Excel's serial day 0 (as 1900 is counted)


def test_a_recent_serial_day_is_its_date_and_other_numbers_stay_as_they_are():
    for serial in (20000, 45382, 79999):
        want = (EXCEL_DAY_ZERO + timedelta(days=serial)).isoformat()
        assert (title_cell(serial), title_cell(float(serial)), title_cell(str(serial))) == (want, want, want)
    assert title_cell(45382) == "2024-03-31"
    for kept in (19999, 80000, 12.5, True, "ณ วันที่", None):
        assert title_cell(kept) == kept


def test_a_date_cell_is_its_iso_date():
    assert title_cell(datetime(2024, 3, 31, 0, 0)) == "2024-03-31"
    assert title_cell(date(2024, 3, 31)) == date(2024, 3, 31)  # a plain date is no datetime: left as it is


def test_title_lines_drop_the_print_date_cells_and_blank_rows():
    rows = [["สหกรณ์การเกษตรตัวอย่าง จำกัด", None, "พิมพ์วันที่ 05/04/2567"], [None, None],
            ["ณ วันที่", datetime(2024, 3, 31)], ["วันที่", 45382]]
    assert title_lines(rows) == ["สหกรณ์การเกษตรตัวอย่าง จำกัด", "ณ วันที่ 2024-03-31", "วันที่ 2024-03-31"]


def test_the_as_of_date_is_the_first_date_after_the_mark_not_a_later_print_date():
    assert as_of_from_titles(["ณ วันที่ 31/03/2567 พิมพ์เมื่อ 05/04/2567"]) == date(2024, 3, 31)


def test_an_opening_balances_date_is_not_the_as_of_date():
    titles = ["ยอดยกมา ณ วันที่ 1 เมษายน 2567", "รายงานลูกหนี้ ณ วันที่ 31 มีนาคม 2567"]
    assert as_of_from_titles(titles) == date(2024, 3, 31)


def test_without_a_mark_the_latest_date_in_the_titles_is_taken_and_without_dates_none():
    assert as_of_from_titles(["ตั้งแต่ 1 เมษายน 2566 ถึง 31 มีนาคม 2567"]) == date(2024, 3, 31)
    assert as_of_from_titles(["สหกรณ์การเกษตรตัวอย่าง จำกัด"]) is None


def test_the_coop_is_the_first_line_naming_one_that_is_not_a_date_line():
    assert coop_name(["รายงาน สหกรณ์ ณ วันที่ 31 มีนาคม 2567", "รายงานลูกหนี้", "สหกรณ์การเกษตรเมือง จำกัด",
                      "สหกรณ์อื่น"]) == "สหกรณ์การเกษตรเมือง จำกัด"
    assert coop_name(["กลุ่มเกษตรกรทำนาบ้านใหม่"]) == "กลุ่มเกษตรกรทำนาบ้านใหม่"
    assert coop_name(["Example Co-operative Ltd"]) == "Example Co-operative Ltd"
    assert coop_name(["รายงานลูกหนี้", "ณ วันที่ 31 มีนาคม 2567"]) is None
    assert coop_name([]) is None
