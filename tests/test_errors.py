"""The one error a user's input can cause: worded from the catalogue in both languages, one line for the CLI,
and every failure while reading a file turned into one (a reader's panic as a damaged file)."""

from __future__ import annotations

import pytest

from kmdash.errors import LedgerError, errors_told, file_errors_told, is_panic


class PanicException(BaseException):
    """Named as pyo3's panics are (each Rust extension has its own class of this name)."""


class Stranger(BaseException):
    """A BaseException nobody foresaw."""


def test_an_error_is_worded_from_its_key_in_thai_and_english():
    error = LedgerError.of("file_missing", path="a.xlsx")
    assert (error.th, error.en, error.code, error.unmapped) == (
        "ไม่พบไฟล์ a.xlsx ตรวจชื่อและที่อยู่ไฟล์", "file not found: a.xlsx; check the name and folder", "file_missing", [])
    assert str(error) == error.en
    assert (error.message("th"), error.message("en"), error.message()) == (error.th, error.en, error.th)


def test_a_value_that_depends_on_the_language_is_asked_in_each():
    error = LedgerError.of("file_missing", path=lambda lang: {"th": "ไฟล์.xlsx", "en": "file.xlsx"}[lang])
    assert "ไฟล์.xlsx" in error.th and "file.xlsx" in error.en and "ไฟล์.xlsx" not in error.en


def test_the_headers_a_user_could_map_are_kept_as_a_list_of_their_own():
    headers = ("ยอดผิดนัด", "x")
    error = LedgerError.of("file_empty", unmapped=headers)
    assert error.unmapped == ["ยอดผิดนัด", "x"] and error.code == "file_empty"
    assert LedgerError("ก", "a", None).unmapped == [] and LedgerError("ก", "a").code == ""


def test_one_line_gives_both_languages_without_line_breaks():
    assert LedgerError("บรรทัด\nสอง", "line\ntwo").one_line() == "บรรทัด สอง | line two"


def test_a_panic_is_known_by_its_class_name():
    assert is_panic(PanicException("boom")) and not is_panic(Stranger("boom")) and not is_panic(ValueError())


@pytest.mark.parametrize("raised", [ValueError("bad cell"), Stranger("bad cell")], ids=["exception", "base"])
def test_any_failure_while_reading_becomes_a_file_error_naming_it(raised):
    with pytest.raises(LedgerError) as told:
        with file_errors_told():
            raise raised
    assert told.value.code == "file_failed" and told.value.__cause__ is raised
    assert f"({type(raised).__name__}: bad cell)" in told.value.en
    assert f"({type(raised).__name__}: bad cell)" in told.value.th


def test_a_panic_becomes_a_damaged_file():
    panic = PanicException("range start index 4 out of range")
    with pytest.raises(LedgerError) as told:
        with errors_told(lambda exc: LedgerError("x", "x", code="other")):
            raise panic
    assert told.value.code == "file_damaged" and told.value.__cause__ is panic
    assert "(range start index 4 out of range)" in told.value.en


def test_otherwise_words_the_rest():
    with pytest.raises(LedgerError) as told:
        with errors_told(lambda exc: LedgerError("ก", f"said {exc}", code="mine")):
            raise KeyError("k")
    assert (told.value.code, told.value.en) == ("mine", "said 'k'")


@pytest.mark.parametrize("passing", [LedgerError("ก", "a", code="own"), KeyboardInterrupt(), SystemExit(2),
                                     GeneratorExit()], ids=["ledger-error", "interrupt", "exit", "generator-exit"])
def test_a_ledger_error_an_interrupt_or_an_exit_passes_as_it_is(passing):
    with pytest.raises(type(passing)) as told:
        with file_errors_told():
            raise passing
    assert told.value is passing


def test_nothing_raised_nothing_told():
    with file_errors_told():
        done = 1
    assert done == 1
