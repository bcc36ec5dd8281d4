"""Dates as co-op exports write them: Buddhist and Common Era, Thai month names, real Excel dates."""

from __future__ import annotations

import io
from datetime import date, datetime

import pandas as pd
import pytest
from openpyxl import Workbook

from kmdash.read.clean import clean_sheet
from kmdash.read.dates import cell_to_date, parse_date_column, parse_date_text
from kmdash.read.load import load_sheet
from kmdash.synthetic import LedgerShape, generate_loans


@pytest.mark.parametrize("text", [
    "31/03/2567", "2024-03-31", "31 มี.ค. 2567", "31 มีนาคม 2567", "31 มีนาคม พ.ศ. 2567", "31/03/67",
    "31 Mar 2024", "31-03-2567", " 31/03/2567 ", "31/03/2567 00:00:00",
])
def test_the_written_forms_of_31_march_2024(text):
    assert parse_date_text(text) == date(2024, 3, 31)


def test_a_year_above_2400_is_buddhist_era_else_common_era():
    assert parse_date_text("15/06/2566") == date(2023, 6, 15)
    assert parse_date_text("15/06/2023") == date(2023, 6, 15)


def test_two_digit_years_from_40_are_be_below_40_are_ce():
    assert parse_date_text("01/01/40") == date(2540 - 543, 1, 1)
    assert parse_date_text("01/01/39") == date(2039, 1, 1)


@pytest.mark.parametrize("text", ["31/02/2567", "30/02/2024", "32/01/2567", "ไม่ทราบ", "12,500.00", "-"])
def test_not_a_date(text):
    assert parse_date_text(text) is None


def test_a_real_date_is_taken_as_it_is():
    assert cell_to_date(datetime(2024, 3, 31, 0, 0)) == date(2024, 3, 31)
    assert cell_to_date(date(2024, 3, 31)) == date(2024, 3, 31)


def test_a_real_date_stored_with_a_be_year():
    assert cell_to_date(datetime(2567, 3, 31)) == date(2024, 3, 31)


@pytest.mark.parametrize("serial, expected", [(45292, date(2024, 1, 1)), (45382, date(2024, 3, 31)),
                                              (45382.75, date(2024, 3, 31)), (36526, date(2000, 1, 1))])
def test_excel_serial_numbers(serial, expected):
    assert cell_to_date(serial) == expected


def test_parse_date_column_marks_unreadable_text_only():
    values = pd.Series(["31/03/2567", "ไม่ทราบ", None, "", "31/02/2567", 45382.0, "31/03/2567"], dtype=object)
    dates, bad = parse_date_column(values)
    assert bad.tolist() == [False, True, False, False, True, False, False]
    assert dates[0] == pd.Timestamp(2024, 3, 31) and dates[6] == pd.Timestamp(2024, 3, 31)
    assert dates[5] == pd.Timestamp(2024, 3, 31)
    assert dates[[1, 2, 3, 4]].isna().all()


def _read_xlsx(rows: list[list]) -> pd.DataFrame:
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    buffer = io.BytesIO()
    wb.save(buffer)
    return clean_sheet(load_sheet(buffer.getvalue())).loans


HEADER = ["เลขทะเบียนสมาชิก", "วันที่กู้", "วันครบกำหนดชำระ", "เงินต้นคงเหลือ"]


def test_real_excel_dates_in_a_workbook():
    loans = _read_xlsx([HEADER, ["00001", date(2020, 3, 31), date(2024, 3, 31), 100.0]])
    assert loans["due_date"][0] == pd.Timestamp(2024, 3, 31)
    assert loans["loan_date"][0] == pd.Timestamp(2020, 3, 31)


def test_real_dates_with_be_years_in_a_workbook():
    loans = _read_xlsx([HEADER, ["00001", datetime(2563, 3, 31), datetime(2567, 3, 31), 100.0]])
    assert loans["due_date"][0] == pd.Timestamp(2024, 3, 31)
    assert loans["loan_date"][0] == pd.Timestamp(2020, 3, 31)


def test_excel_serial_numbers_in_a_workbook():
    loans = _read_xlsx([HEADER, ["00001", 43921, 45382, 100.0]])
    assert loans["due_date"][0] == pd.Timestamp(2024, 3, 31)
    assert loans["loan_date"][0] == pd.Timestamp(2020, 3, 31)


@pytest.mark.parametrize("date_style", ["be_text", "ce_iso", "be_thai_month", "excel"])
def test_every_generated_date_style_reads_back_to_the_loans_dates(ledger_file, date_style):
    loans = generate_loans(60, seed=11)
    path = ledger_file(loans, LedgerShape(date_style=date_style))
    read = clean_sheet(load_sheet(path)).loans.set_index("contract")
    for field in ("due_date", "loan_date"):
        assert read[field].reindex(loans["contract"]).tolist() == pd.to_datetime(loans[field]).tolist()


def test_the_as_of_date_of_the_title(ledger_file):
    path = ledger_file(generate_loans(10, seed=1), as_of=date(2023, 12, 31))
    assert clean_sheet(load_sheet(path)).title_as_of == date(2023, 12, 31)


@pytest.mark.parametrize("column,expected", [
    (["03/31/2024", "12/01/2023"], [date(2024, 3, 31), date(2023, 12, 1)]),  # a US column: month first
    (["3/31/2024 0:00", "12/1/2023 0:00"], [date(2024, 3, 31), date(2023, 12, 1)]),  # also with times
    (["31/03/2024", "12/01/2023"], [date(2024, 3, 31), date(2023, 1, 12)]),  # day first
    (["31/03/23", "15/01/23", "31/03/45"], [date(2023, 3, 31), date(2023, 1, 15), date(2045, 3, 31)]),  # CE
    (["31/03/67", "15/01/39"], [date(2024, 3, 31), date(1996, 1, 15)]),  # BE, an old debt included
    (["31-Mar-24", "31-มี.ค.-67", "31/3/2024 12:00 AM", "2024-03-31T00:00:00Z"], [date(2024, 3, 31)] * 4),
    (["-", "0", "00/01/1900", 0], [None] * 4),  # placeholders are blank, not unreadable
])
def test_a_column_is_read_in_its_own_style(column, expected):
    dates, bad = parse_date_column(pd.Series(column, dtype=object))
    assert [None if pd.isna(d) else d.date() for d in dates] == expected
    assert not bad.any()


def test_a_date_column_keeps_its_rows_and_marks_only_filled_cells_that_are_not_dates():
    """Blanks and placeholders are no date and not wrong; an unreadable text is marked, even as the column's
    first text; an Excel serial and a workbook's date cell read as dates; the Series keeps its index."""
    from datetime import timedelta

    values = pd.Series([None, "ไม่ใช่วันที่", "31/03/2567", "2024-03-31 00:00:00", "-", 45000.0, "ไม่ใช่วันที่"],
                       index=range(10, 17), dtype=object)
    dates, bad = parse_date_column(values)
    serial = pd.Timestamp(date(1899, 12, 30) + timedelta(days=45000))
    expected = [pd.NaT, pd.NaT, pd.Timestamp(2024, 3, 31), pd.Timestamp(2024, 3, 31), pd.NaT, serial, pd.NaT]
    assert dates.dtype == "datetime64[ns]" and list(dates.index) == list(range(10, 17))
    assert [d if not pd.isna(d) else pd.NaT for d in dates] == expected
    assert bad.tolist() == [False, True, False, False, False, False, True] and list(bad.index) == list(range(10, 17))


def test_an_empty_date_column():
    dates, bad = parse_date_column(pd.Series([None, None], dtype=object))
    assert dates.isna().all() and not bad.any()


# boundaries and the less common forms, written out by hand


def test_years_are_common_era_from_1900_to_2200_only():
    from kmdash.read.dates import to_ce_year

    assert (parse_date_text("01/01/1900"), parse_date_text("31/12/2200")) == (date(1900, 1, 1), date(2200, 12, 31))
    assert parse_date_text("31/12/1899") is None and parse_date_text("01/01/2201") is None
    assert (to_ce_year(2400), to_ce_year(2401), to_ce_year(100), to_ce_year(99), to_ce_year(2567)) == (
        2400, 1858, 100, 2056, 2024)  # 99: BE 2599


def test_a_first_number_over_12_is_the_day_and_a_second_over_12_is_the_day_too():
    assert parse_date_text("05/13/2024") == date(2024, 5, 13)
    assert parse_date_text("13/05/2024") == date(2024, 5, 13)
    assert cell_to_date("04/05/2024") == date(2024, 5, 4)  # day first unless the column says otherwise


def test_a_us_date_with_the_month_as_a_word():
    assert parse_date_text("March 31, 2024") == date(2024, 3, 31)
    assert parse_date_text("sept 5, 2023") == date(2023, 9, 5)


def test_serial_numbers_from_1_below_120000():
    from datetime import timedelta

    assert cell_to_date(1) == date(1899, 12, 31)  # Excel's day 0 is 1899-12-30
    assert cell_to_date(119999) == date(1899, 12, 30) + timedelta(days=119999)
    assert (cell_to_date(0.5), cell_to_date(120000), cell_to_date(float("nan")), cell_to_date(True)) == (
        None, None, None, None)


def test_the_dates_of_a_title_line_in_the_order_written():
    from kmdash.read.dates import dates_in_text

    assert dates_in_text("ตั้งแต่ 31/03/2567 ถึง 1 มีนาคม 2567") == [date(2024, 3, 31), date(2024, 3, 1)]
    assert dates_in_text("งวด March 31, 2024 พิมพ์ 01/04/2024") == [date(2024, 3, 31), date(2024, 4, 1)]


@pytest.mark.parametrize("line, last_day", [
    ("ประจำเดือน มีนาคม 2567", date(2024, 3, 31)),
    ("ประจำเดือน ธันวาคม พ.ศ. 2566", date(2023, 12, 31)),
    ("เดือน ก.พ. 2567", date(2024, 2, 29)),
    ("November 2023", date(2023, 11, 30)),
], ids=["march", "december", "february-leap", "english"])
def test_a_month_and_year_alone_stand_for_the_months_last_day(line, last_day):
    from kmdash.read.dates import dates_in_text

    assert dates_in_text(line) == [last_day]


def test_a_month_and_year_are_not_taken_when_the_line_has_a_full_date():
    from kmdash.read.dates import dates_in_text

    assert dates_in_text("ประจำเดือน มีนาคม 2567 ณ 15/03/2567") == [date(2024, 3, 15)]


def test_blank_dates():
    from datetime import time

    from kmdash.read.dates import is_blank

    for blank in (None, time(0, 0), float("nan"), 0.0, 0, "", " ", "-", "00/00/0000", "1899-12-30 00:00:00"):
        assert is_blank(blank), blank
    for filled in (1.0, 1, "31/03/2567", "x", True, date(2024, 3, 31)):
        assert not is_blank(filled), filled


@pytest.mark.parametrize("column, expected", [
    (["01/01/40", "01/01/39"], [date(1997, 1, 1), date(1996, 1, 1)]),  # a tie of short years: BE
    (["12/12/2024", "01/12/2024"], [date(2024, 12, 12), date(2024, 12, 1)]),  # nothing over 12: day first
    (["03/13/2024", "04/05/2024"], [date(2024, 3, 13), date(2024, 4, 5)]),  # a second over 12: month first
    (["13/03/2024", "04/05/2024", "03/14/2024"], [date(2024, 3, 13), date(2024, 5, 4), date(2024, 3, 14)]),
    (["04/05/2024"], [date(2024, 5, 4)]),
    (["03/31/2024 12:00 PM", "04/05/2024 12:00 PM"], [date(2024, 3, 31), date(2024, 4, 5)]),
    ([None, "31/03/2567"], [None, date(2024, 3, 31)]),
], ids=["short-years-tie", "day-first", "month-first", "both-over-12", "one-day-first", "pm-times", "blank-first"])
def test_a_columns_style_is_read_from_all_its_texts(column, expected):
    dates, bad = parse_date_column(pd.Series(column, dtype=object))
    assert [None if pd.isna(d) else d.date() for d in dates] == expected
    assert not bad.any()
