"""Text into an xlsx by openpyxl (`xlsx_text`): always a text cell without what Excel refuses, sheet titles Excel
accepts, widths that fit Thai; cases worked out by hand."""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

import pandas as pd
from openpyxl import Workbook, load_workbook

from kmdash.report import xlsx
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
    cut, twice = "a" * 30 + "Xtail", "a" * 26 + "Xtail"  # only apostrophes go, whatever a title starts or ends in
    assert sheet_titles(["XOX", cut, twice, twice]) == ["XOX", cut[:31], twice, "a" * 26 + "X (2)"]


def test_text_width_counts_marks_none_and_wide_signs_two():
    assert text_width("นางสาว สุนันทา") == 12
    assert text_width("漢字a") == 5 and text_width("ｗ") == 2 and text_width("a\u200bb") == 2 and text_width(17) == 2


# ---------------------------------------------------------------- the fast writer (`xlsx.workbook`)


def sheet_xml(data: bytes, n: int) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(f"xl/worksheets/sheet{n}.xml").decode()


def two_sheets() -> bytes:
    first = pd.DataFrame({"name": ["นางสาว สุนันทา", "=1+1", ""], "days": [400, 35, 7], "overdue": [1234.567, None, 0.5]})
    second = pd.DataFrame({"kind": ["", ""], "amount": [float("nan"), 2.0]})
    return xlsx.workbook([xlsx.Sheet('A "quoted" & <sheet>', first, ["ชื่อ", "วัน", "เงินต้นค้าง"], frozenset({"overdue"})),
                          xlsx.Sheet("two", second, ["What", "Amount"], title="Title line",
                                     choices={"kind": ["Letter sent", 'Say "hi"']})])


def test_cells_are_text_numbers_or_money_to_the_satang():
    wb = load_workbook(io.BytesIO(two_sheets()))
    assert wb.sheetnames == ['A "quoted" & <sheet>', "two"] and wb.active.title == wb.sheetnames[0]
    first = wb.worksheets[0]
    assert [c.value for c in first[1]] == ["ชื่อ", "วัน", "เงินต้นค้าง"] and all(c.font.b for c in first[1])
    assert [[c.value for c in row] for row in first.iter_rows(min_row=2)] == [
        ["นางสาว สุนันทา", 400, 1234.57], ["=1+1", 35, None], [None, 7, 0.5]]
    assert [(c.data_type, c.quotePrefix, c.number_format) for c in first[2]] == [
        ("s", True, "@"), ("n", False, "General"), ("n", False, "#,##0.00")]
    assert first["A4"].number_format == "@" and first["C3"].number_format == "#,##0.00"  # blank, styled as its column
    assert first.freeze_panes == "A2" and first.max_row == 4
    assert first.column_dimensions["A"].width == 12 + 2  # the longest text (two marks take no column)
    assert first.column_dimensions["B"].width == 6 + 2  # never narrower than six
    assert first.column_dimensions["C"].width == len("1,234.57") + 1 + 2  # the widest money, formatted


def test_a_title_line_sits_above_the_frozen_header_and_lists_offer_their_words():
    second = load_workbook(io.BytesIO(two_sheets())).worksheets[1]
    assert second["A1"].value == "Title line" and [c.value for c in second[2]] == ["What", "Amount"]
    assert second.freeze_panes == "A3" and second.max_row == 4
    assert [[c.value for c in row] for row in second.iter_rows(min_row=3)] == [[None, None], [None, 2.0]]
    (listed,) = second.data_validations.dataValidation
    assert (listed.type, str(listed.sqref), listed.formula1, listed.allow_blank, listed.showErrorMessage) == (
        "list", "A3:A4", '"Letter sent,Say ""hi"""', True, True)
    xml = sheet_xml(two_sheets(), 2)
    assert '<dataValidations count="1">' in xml and 'tabSelected' not in xml
    assert '<row r="2"><c s="3" t="s"><v>3</v></c><c s="3" t="s"><v>4</v></c></row>' in xml  # the header, cell by cell
    assert '<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/>' in xml
    assert 'tabSelected="1"' in sheet_xml(two_sheets(), 1)


def test_widths_stop_at_sixty_and_text_excel_cannot_hold_is_written_as_excel_writes_it():
    frame = pd.DataFrame({"text": ["x" * 80, "a\x01b\x1fc", "_x0041_ and _x00_"]})
    data = xlsx.workbook([xlsx.Sheet("s", frame, ["t"])])
    ws = load_workbook(io.BytesIO(data)).active
    assert ws.column_dimensions["A"].width == 60 + 2
    assert [ws.cell(r, 1).value for r in (3, 4)] == ["a_x0001_b_x001F_c", "_x0041_ and _x00_"]
    strings = zipfile.ZipFile(io.BytesIO(data)).read("xl/sharedStrings.xml").decode()
    assert "a_x0001_b_x001F_c" in strings and "_x005F_x0041_ and _x00_" in strings
    table = ElementTree.fromstring(strings)
    assert table.text is None and all(item.tail is None for item in table)  # nothing between the strings


def test_a_sheet_without_rows_or_choices_and_the_parts_of_the_file():
    data = xlsx.workbook([xlsx.Sheet("empty", pd.DataFrame({"a": pd.Series([], dtype=object)}), ["A"],
                                     choices={"a": ["x"]})])
    ws = load_workbook(io.BytesIO(data)).active
    assert ws.max_row == 1 and not ws.data_validations.dataValidation and ws.column_dimensions["A"].width == 8
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.namelist() == ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                "xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"]
        assert {part.compress_type for part in z.infolist()} == {zipfile.ZIP_DEFLATED}  # compressed, as Excel's are
        assert 'Target="styles.xml"' in z.read("xl/_rels/workbook.xml.rels").decode()
        types = ElementTree.fromstring(z.read("[Content_Types].xml"))
        assert types.text is None and all(part.tail is None for part in types)  # nothing but the parts listed
        assert [p.get("PartName") for p in types if p.get("PartName")] == [
            "/xl/workbook.xml", "/xl/styles.xml", "/xl/sharedStrings.xml", "/xl/worksheets/sheet1.xml"]
        assert '<name val="Tahoma"/>' in z.read("xl/styles.xml").decode() and xlsx.FONT == "Tahoma"


def test_money_is_rounded_and_sized_to_the_satang_and_other_numbers_are_kept_whole():
    frame = pd.DataFrame({"amount": pd.Series([1234567.5, None, 2.345], dtype=object), "ratio": [2.456, 0.5, 10.0]})
    data = xlsx.workbook([xlsx.Sheet("s", frame, ["A", "R"], frozenset({"amount"}))])
    ws = load_workbook(io.BytesIO(data)).active
    assert [[c.value for c in row] for row in ws.iter_rows(min_row=2)] == [[1234567.5, 2.456], [None, 0.5],
                                                                           [2.35, 10]]
    assert ws.column_dimensions["A"].width == len("1,234,567.50") + 1 + 2  # the widest money with its two places
    assert ws["A3"].number_format == "#,##0.00" and ws["B2"].number_format == "General"


def test_a_blank_among_text_is_an_empty_cell_and_a_number_among_text_is_text():
    frame = pd.DataFrame({"name": ["สมชาย", None, "มาลี", float("nan")], "cycle": [1, "", None, "2"],
                          "bucket": pd.Categorical(["1-30", None, "1-30", "31-90"])})
    ws = load_workbook(io.BytesIO(xlsx.workbook([xlsx.Sheet("s", frame, ["N", "C", "B"])]))).active
    assert [[c.value for c in row] for row in ws.iter_rows(min_row=2)] == [
        ["สมชาย", "1", "1-30"], [None, None, None], ["มาลี", None, "1-30"], [None, "2", "31-90"]]
    assert {ws.cell(r, c).number_format for r in range(2, 6) for c in (1, 2, 3)} == {"@"}  # text, blank or not


def stray_text(xml: bytes | str) -> list[str]:
    """Text an XML part holds outside its values, strings and list formulas (none in a well-made part)."""
    root = ElementTree.fromstring(xml)
    kept = {"v", "t", "formula1"}
    return [f"{e.tag}: {e.text!r} {e.tail!r}" for e in root.iter()
            if e.tail or (e.text and e.tag.rsplit("}", 1)[-1] not in kept)]


def test_every_part_holds_only_its_elements_and_a_sheet_without_a_title_one_first_row():
    data = two_sheets()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            assert stray_text(z.read(name)) == [], name
        types = ElementTree.fromstring(z.read("[Content_Types].xml"))
        sheets = [p.get("ContentType") for p in types if "worksheets" in (p.get("PartName") or "")]
        assert sheets == ["application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"] * 2
    assert sheet_xml(data, 1).count('<row r="1">') == 1 and sheet_xml(data, 2).count('<row r="1">') == 1


def test_a_header_wider_than_its_column_s_values_sets_the_width_and_an_empty_number_column_has_the_least():
    full = pd.DataFrame({"a": ["x"], "b": ["y"], "n": [3.0], "k": [7]})
    for rows in (full.iloc[:0], full):
        data = xlsx.workbook([xlsx.Sheet("s", rows, ["A long header here", "B", "N", "K"], frozenset({"n"}))])
        ws = load_workbook(io.BytesIO(data)).active
        assert [ws.column_dimensions[c].width for c in "ABCD"] == [18 + 2, 6 + 2, 6 + 2, 6 + 2]
    assert isinstance(ws["D2"].value, int)  # a whole number stays whole beside money


def test_the_workbook_s_relationships_and_default_types_and_two_lists_on_one_sheet():
    with zipfile.ZipFile(io.BytesIO(two_sheets())) as z:
        rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        assert [(r.get("Id"), r.get("Target")) for r in rels] == [
            ("rId1", "worksheets/sheet1.xml"), ("rId2", "worksheets/sheet2.xml"), ("rId3", "styles.xml"),
            ("rId4", "sharedStrings.xml")]
        types = ElementTree.fromstring(z.read("[Content_Types].xml"))
        assert [(p.tag.rsplit("}", 1)[-1], p.get("Extension"), p.get("ContentType")) for p in types][:2] == [
            ("Default", "rels", "application/vnd.openxmlformats-package.relationships+xml"),
            ("Default", "xml", "application/xml")]
    frame = pd.DataFrame({"kind": ["", ""], "how": ["", ""]})
    data = xlsx.workbook([xlsx.Sheet("s", frame, ["K", "H"], choices={"kind": ["a", "b"], "how": ["c"]})])
    assert stray_text(sheet_xml(data, 1)) == []
    assert [v.formula1 for v in load_workbook(io.BytesIO(data)).active.data_validations.dataValidation] == [
        '"a,b"', '"c"']
