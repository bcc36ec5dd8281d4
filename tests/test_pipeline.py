"""The one path for a ledger file: which sheets are read (a named one; else the visible sheets of the first one's
date together; else the first hidden one), which sheets are left and why, the as-of date's source, the
reconciliation per sheet, the file's name; from small generated workbooks."""

from __future__ import annotations

import io
from datetime import date

import pytest

from kmdash.errors import LedgerError
from kmdash.pipeline import Options, finish, read, resolve_as_of, run
from kmdash.settings import Settings
from kmdash.synthetic import LedgerShape, expected_totals, generate_loans, ledger_rows, write_sheets

from .support.figures import baht_equal
from .support.ledgers import AS_OF

LOANS = generate_loans(60, seed=41)
A, B = LOANS.iloc[:35], LOANS.iloc[35:]
COVER = [["สหกรณ์การเกษตรตัวอย่าง จำกัด"], ["รายงานประจำเดือน"]]  # a sheet that is no ledger


def book(sheets: dict[str, list[list]], hidden: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    write_sheets(sheets, buffer, hidden)
    return buffer.getvalue()


def rows(loans, as_of: date = AS_OF, shape: LedgerShape = LedgerShape()) -> list[list]:
    return ledger_rows(loans, shape, as_of)


def test_the_option_wins_over_the_title_which_wins_over_today():
    title, option, today = date(2024, 3, 31), date(2024, 6, 30), date(2025, 1, 2)
    assert resolve_as_of(title, option, today) == (option, "option")
    assert resolve_as_of(None, option, today) == (option, "option")
    assert resolve_as_of(title, None, today) == (title, "title")
    assert resolve_as_of(None, None, today) == (today, "today")
    assert resolve_as_of(None, None) == (date.today(), "today")


def test_the_visible_sheets_of_the_first_ones_date_are_read_together_the_rest_left_with_why():
    data = book({"ปก": COVER, "ก": rows(A), "เก่า": rows(B, date(2023, 3, 31)), "ข": rows(B), "สำเนา": rows(A)},
                hidden=("สำเนา",))
    reading = read(data)
    assert (reading.sheet, reading.sheets_read) == ("ก", ["ก", "ข"])
    assert reading.sheets_left == [("ปก", "no_ledger"), ("เก่า", "other_date"), ("สำเนา", "hidden")]
    assert reading.sheets == ["ปก", "ก", "เก่า", "ข", "สำเนา"] and reading.kind == "xlsx"
    assert list(reading.totals) == ["ก", "ข"]
    assert all(baht_equal(reading.totals["ข"][f], v) for f, v in expected_totals(B).items())
    assert len(reading.ledger.loans) == len(LOANS)


def test_one_ledger_sheet_is_read_alone_without_per_sheet_totals():
    reading = read(book({"ปก": COVER, "ก": rows(A), "เก่า": rows(B, date(2023, 3, 31))}))
    assert (reading.sheet, reading.sheets_read, reading.totals) == ("ก", ["ก"], {})
    assert reading.sheets_left == [("ปก", "no_ledger"), ("เก่า", "other_date")]
    assert "sheet" not in reading.ledger.loans and len(reading.ledger.loans) == len(A)


def test_a_named_sheet_is_read_alone_hidden_or_not_and_its_error_is_its_own():
    data = book({"ปก": COVER, "ก": rows(A), "สำเนา": rows(B)}, hidden=("สำเนา",))
    named = read(data, "สำเนา")
    assert (named.sheet, named.sheets_read, named.sheets_left) == ("สำเนา", ["สำเนา"], [])
    assert len(named.ledger.loans) == len(B)
    assert len(read(data, 1).ledger.loans) == len(A)  # by its place too
    with pytest.raises(LedgerError) as told:
        read(data, "ปก")
    assert told.value.code == "no_header"


def test_where_no_visible_sheet_holds_a_ledger_the_first_hidden_one_that_does_is_read():
    data = book({"ปก": COVER, "ว่าง": COVER, "ข": rows(B), "ก": rows(A)}, hidden=("ว่าง", "ข", "ก"))
    reading = read(data)
    assert (reading.sheet, reading.sheets_read, len(reading.ledger.loans)) == ("ข", ["ข"], len(B))


def test_where_no_sheet_holds_a_ledger_the_first_visible_ones_error_is_told():
    with pytest.raises(LedgerError) as told:
        read(book({"ปก": COVER, "ตาราง": [["ก", "ข"], [1, 2]], "ซ่อน": COVER}, hidden=("ซ่อน",)))
    assert told.value.code == "no_header"
    with pytest.raises(LedgerError) as told:
        read(book({"ปก": [["x"]], "ซ่อน": COVER}, hidden=("ซ่อน",)))
    assert told.value.code == "no_header"


def test_finishing_two_sheets_reconciles_each_and_one_sheet_the_file():
    together = finish(read(book({"ก": rows(A), "ข": rows(B)})), "two.xlsx")
    assert together.reconciliation.matches is True and list(together.reconciliation.sheets) == ["ก", "ข"]
    alone = finish(read(book({"ก": rows(A)})), "one.xlsx", today=date(2030, 1, 1))
    assert (alone.reconciliation.matches, alone.reconciliation.sheets) == (True, {})
    assert (alone.file, alone.as_of, alone.as_of_source) == ("one.xlsx", AS_OF, "title")
    assert baht_equal(alone.reconciliation.used_total["outstanding"], expected_totals(A)["outstanding"])


def test_finishing_uses_the_date_and_settings_given():
    reading = read(book({"ก": rows(A, shape=LedgerShape(title_rows=False))}))
    result = finish(reading, "f", settings=Settings(long_overdue_days=180), today=date(2024, 5, 1))
    assert (result.as_of, result.as_of_source, result.analysis.settings.long_overdue_days) == (
        date(2024, 5, 1), "today", 180)
    assert finish(reading, "f", as_of=date(2024, 4, 1)).as_of_source == "option"
    assert result.ledger is reading.ledger


def test_run_names_the_file_by_its_path_or_the_name_given_else_upload(tmp_path):
    data = book({"ก": rows(A)})
    path = tmp_path / "ledger.xlsx"
    path.write_bytes(data)
    assert run(path).file == str(path)
    assert run(data).file == "upload"
    assert run(data, name="co-op.xlsx").file == "co-op.xlsx"
    chosen = run(data, Options(sheet="ก", as_of=date(2024, 6, 30), settings=Settings(long_overdue_days=90)))
    assert (chosen.as_of, chosen.as_of_source, chosen.analysis.settings.long_overdue_days) == (
        date(2024, 6, 30), "option", 90)
    assert Options() == Options(None, {}, None, Settings())


def test_a_failure_nobody_foresaw_while_reading_is_a_ledger_error(monkeypatch):
    from kmdash import pipeline

    def broken(*args, **kwargs):
        raise ZeroDivisionError("cell")

    monkeypatch.setattr(pipeline, "clean_sheet", broken)
    with pytest.raises(LedgerError) as told:
        read(book({"ก": rows(A)}), "ก")
    assert told.value.code == "file_failed" and "ZeroDivisionError" in told.value.en


NO_AMOUNT = [["เลขทะเบียนสมาชิก", "ชื่อ - สกุล", "วันครบกำหนดชำระ"], ["00001", "นาย ก", "31/03/2567"]]  # no_column
NO_LOANS = [["เลขทะเบียนสมาชิก", "ชื่อ - สกุล", "วันครบกำหนดชำระ", "เงินต้นคงเหลือ"]]  # no_loans


def test_where_no_sheet_holds_a_ledger_the_first_visible_sheets_own_error_is_told():
    for sheets, hidden in (({"ก": NO_AMOUNT, "ข": NO_LOANS}, ()), ({"ก": NO_AMOUNT, "ข": NO_LOANS}, ("ข",)),
                           ({"ข": NO_LOANS, "ก": NO_AMOUNT}, ("ข",))):
        with pytest.raises(LedgerError) as told:
            read(book(sheets, hidden))
        assert told.value.code == "no_column", (sheets, hidden)


def test_where_every_sheet_is_hidden_the_first_that_holds_a_ledger_is_read_else_its_error_is_told():
    from kmdash.synthetic import write_ods

    def ods(sheets: dict) -> bytes:
        buffer = io.BytesIO()
        write_ods(sheets, buffer, hidden=tuple(sheets))  # LibreOffice lets a file hide them all
        return buffer.getvalue()

    reading = read(ods({"ปก": COVER, "ข": rows(B)}))
    assert (reading.sheet, reading.sheets_read, len(reading.ledger.loans)) == ("ข", ["ข"], len(B))
    with pytest.raises(LedgerError) as told:
        read(ods({"ก": NO_LOANS, "ข": NO_AMOUNT}))
    assert told.value.code == "no_loans"


UNKNOWN = LedgerShape(rename={"principal_overdue": "ยอดผิดนัด"})  # a header the catalogue does not know
MAP = {"ยอดผิดนัด": "principal_overdue"}


def test_the_users_header_map_is_used_whichever_way_the_sheets_are_found():
    data = book({"ปก": COVER, "ก": rows(A, shape=UNKNOWN), "ข": rows(B, shape=UNKNOWN)})
    hidden = book({"ปก": COVER, "ข": rows(B, shape=UNKNOWN)}, hidden=("ข",))
    for reading in (read(data, None, MAP), read(data, "ข", MAP), read(hidden, None, MAP)):
        assert "principal_overdue" in reading.ledger.loans and reading.ledger.headers.unmapped == []
    assert "principal_overdue" not in read(data).ledger.loans and read(data).ledger.headers.unmapped == ["ยอดผิดนัด"]
    mapped = run(data, Options(sheet="ข", user_map=MAP))
    assert (mapped.reading.sheet, mapped.ledger.has_overdue_column, len(mapped.ledger.loans)) == ("ข", True, len(B))


def test_a_csv_has_no_sheet_and_keeps_its_encoding(tmp_path):
    from kmdash.synthetic import write_csv

    write_csv(rows(A), tmp_path / "ledger.csv", encoding="cp874")
    reading = read(tmp_path / "ledger.csv")
    assert (reading.sheet, reading.sheets, reading.sheets_read, reading.encoding, reading.kind) == (
        None, [], [], "cp874", "csv")


def test_the_analysis_is_of_the_as_of_date():
    result = finish(read(book({"ก": rows(A)})), "f", as_of=date(2024, 6, 30))
    assert result.analysis.as_of == date(2024, 6, 30)
    assert finish(read(book({"ก": rows(A)})), "f").analysis.as_of == AS_OF
