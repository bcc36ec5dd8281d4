"""Text into an xlsx by openpyxl (`xlsx_text`): always a text cell without what Excel refuses, sheet titles Excel
accepts, widths that fit Thai; cases worked out by hand."""

from __future__ import annotations

from openpyxl import Workbook

from kmdash.report.xlsx_text import MAX_CELL, MAX_TITLE, clean, put_text, sheet_titles, text_width


def test_a_cell_keeps_excel_s_limit_and_drops_what_excel_refuses():
    assert (MAX_CELL, MAX_TITLE) == (32_767, 31)
    assert clean("a\x00b\x1fc\td") == "abc\td" and clean(12.5) == "12.5"
    assert clean("x" * 40_000) == "x" * 32_767


def test_text_that_looks_like_a_formula_is_a_text_cell():
    ws = Workbook().active
    cell = put_text(ws, 3, 2, "=1+1\x01")
    assert (cell.row, cell.column, cell.value, cell.data_type) == (3, 2, "=1+1", "s")
    assert ws.cell(3, 2) is cell and put_text(ws, 1, 1, 7).value == "7"


def test_titles_without_a_name_or_ending_in_an_apostrophe():
    assert sheet_titles(["", "''", "[]", " x "]) == ["Sheet", "Sheet (2)", "__", "x"]
    assert sheet_titles(["a" * 30 + "'b"]) == ["a" * 30]  # cut at 31, the apostrophe it ends in dropped
    assert sheet_titles(["a" * 26 + "'bcdef", "a" * 26 + "'bcdef"]) == ["a" * 26 + "'bcde", "a" * 26 + " (2)"]
    assert sheet_titles(["HISTORY", "Summary", "summary"], reserved=("SUMMARY",)) == [
        "HISTORY (2)", "Summary (2)", "summary (3)"]  # Excel compares titles without case; History is kept


def test_text_width_counts_marks_none_and_wide_signs_two():
    assert text_width("นางสาว สุนันทา") == 12
    assert text_width("漢字a") == 5 and text_width("ｗ") == 2 and text_width("a\u200bb") == 2 and text_width(17) == 2
