"""LibreOffice Calc (.ods) and Excel's binary workbook (.xlsb) read like xlsx: the same generated ledger saved in
each gives the same `summary --json` object, skipped rows and their reasons included, and the generator's
figures; the same sheets hidden; the same guards (zip bombs, a stray far cell); and the app reads them.
"""

from __future__ import annotations

import io
import time
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from kmdash.errors import LedgerError
from kmdash.i18n import t
from kmdash.pipeline import Options, run
from kmdash.read import load
from kmdash.read.workbook import Workbook
from kmdash.report.summary import summarise
from kmdash.synthetic import LOAN_TYPES, LedgerShape, generate_loans, ledger_rows

from .support.app import expected_tiles, start, tiles, unescape, upload
from .support.damaged import panicking_xls
from .support.figures import assert_figures, expected_figures
from .support.ledgers import AS_OF, ODS, SHEET, XLSB, book_bytes
from .support.shapes import differences, expected, render

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "ledger_shapes.xlsb"  # made by tests/support/xlsb.py
FORMATS = ("ods", "xlsb")
SHAPES = {
    "titles-subtotals-grand-total-be-text-dates": LedgerShape(),
    "real-date-cells": LedgerShape(date_style="excel"),
    "be-thai-months-other-headers-text-amounts": LedgerShape(date_style="be_thai_month", header_style="th_alt",
                                                            text_amount_share=0.3),
    "english-iso-dates-no-titles-no-totals": LedgerShape(header_style="en", date_style="ce_iso", title_rows=False,
                                                         subtotals=False, grand_total=False, signature=False,
                                                         extra_column="Notes"),
}


@pytest.fixture(scope="module")
def loans():
    return generate_loans(150, seed=21)


def summary(data: bytes, as_of: date | None = None) -> dict:
    """`summary --json` of a file's bytes, its name aside (an upload has none)."""
    found = summarise(run(data, Options(as_of=as_of)))
    found.pop("file")
    return found


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("shape", SHAPES.values(), ids=SHAPES.keys())
def test_a_ledger_saved_as_ods_or_xlsb_gives_what_the_same_ledger_as_xlsx_gives(loans, shape, fmt):
    sheets = {SHEET: ledger_rows(loans, shape, AS_OF)}
    as_of = None if shape.title_rows else AS_OF
    as_xlsx, as_other = summary(book_bytes("xlsx", sheets), as_of), summary(book_bytes(fmt, sheets), as_of)
    assert as_other == as_xlsx
    assert as_other["as_of"] == "2024-03-31" and as_other["as_of_source"] == ("title" if shape.title_rows else "option")
    assert as_other["rows"]["loans"] == len(loans)
    assert_figures(as_other, expected_figures(loans, AS_OF))
    if shape.grand_total:
        assert as_other["reconciliation"]["matches"] is True
    if shape.subtotals:
        assert {s["code"] for s in as_other["skipped"]} >= {"subtotal", "grand_total", "below_grand_total", "blank"}


@pytest.fixture(scope="module")
def by_loan_type():
    """A sheet per loan type, one of another date, and a hidden copy: as three_sheets in test_province."""
    loans = generate_loans(240, seed=11)
    shape = LedgerShape(drop_fields=("loan_type",), date_style="excel")
    sheets = {kind: ledger_rows(loans[loans["loan_type"] == kind], shape, AS_OF) for kind in LOAN_TYPES}
    sheets["ปีก่อน"] = ledger_rows(loans.head(30), shape, date(2023, 3, 31))
    sheets["สำเนา"] = ledger_rows(loans.head(30), shape, AS_OF)
    return sheets, loans


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_sheets_of_one_date_are_read_together_in_every_format_and_the_hidden_one_is_left(by_loan_type, fmt):
    sheets, loans = by_loan_type
    as_xlsx = summary(book_bytes("xlsx", sheets, hidden=("สำเนา",)))
    as_other = summary(book_bytes(fmt, sheets, hidden=("สำเนา",)))
    assert as_other == as_xlsx
    assert as_other["sheets_read"] == list(LOAN_TYPES)
    assert as_other["sheets_left"] == [{"sheet": "ปีก่อน", "why": "other_date"}, {"sheet": "สำเนา", "why": "hidden"}]
    assert as_other["reconciliation"]["matches"] is True and list(as_other["reconciliation"]["sheets"]) == list(LOAN_TYPES)
    assert_figures(as_other, expected_figures(loans, AS_OF))


@pytest.mark.parametrize("fmt", ("xlsx", *FORMATS))
def test_hidden_sheets_are_listed_after_the_visible_ones_and_read_only_when_named(fmt):
    sheets = {"เก่า": [["x"]], "ปก": [["y"]], "ลูกหนี้": render().rows}
    data = book_bytes(fmt, sheets, hidden=("เก่า",))
    book = Workbook(data, load.file_kind(data))
    assert (book.kind, book.names, book.hidden) == (fmt, ["เก่า", "ปก", "ลูกหนี้"], ["เก่า"])
    assert book.visible_first() == ["ปก", "ลูกหนี้", "เก่า"]
    assert load.load_sheet(data, "เก่า").rows[0][0] == "x"


@pytest.mark.parametrize("fmt", FORMATS)
def test_cells_come_as_the_text_an_xlsx_gives(fmt):
    """Numbers as digits, dates (an ods holds them as ISO dates) as "2024-03-31 00:00:00", times kept."""
    row = ["ชื่อ", 17, 1234.5, "00094", 12500.0, -500, 0.1, date(2024, 3, 31), datetime(2567, 3, 31, 10, 0),
           "12,500.00", " เว้น\u00a0วรรค ", "31/03/2567", "สอง\nบรรทัด", True, False, " \u00a0 ", "x"]
    assert list(load.load_sheet(book_bytes(fmt, {"s": [row]})).rows[0]) == \
        list(load.load_sheet(book_bytes("xlsx", {"s": [row]})).rows[0]) == \
        ["ชื่อ", "17", "1234.5", "00094", "12500", "-500", "0.1", "2024-03-31 00:00:00", "2567-03-31 10:00:00",
         "12,500.00", "เว้น วรรค", "31/03/2567", "สอง\nบรรทัด", "true", "false", None, "x"]


def test_the_xlsb_fixture_gives_the_hand_written_loans_figures():
    """tests/fixtures/ledger_shapes.xlsb: shapes.render() as tests/support/xlsb.py writes it."""
    sheet = render()
    got = summarise(run(FIXTURE))
    assert differences(got, expected(), sheet.marks) == []
    assert load.file_kind(FIXTURE.read_bytes()) == "xlsb"
    assert [list(r) for r in load.load_sheet(FIXTURE).rows] == \
        [list(r) for r in load.load_sheet(book_bytes("xlsx", {SHEET: sheet.rows})).rows]


# ---------------------------------------------------------------- guards


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _never_open(monkeypatch):
    import fastexcel

    def never(*args, **kwargs):
        raise AssertionError("the workbook reader was called")

    monkeypatch.setattr(fastexcel, "read_excel", never)


def test_an_ods_zip_bomb_is_refused_before_the_reader_opens_it(monkeypatch):
    bomb = _zip({"mimetype": ODS.encode(), "content.xml": b"<" + b" " * (60 << 20) + b"/>"})
    assert len(bomb) < 200_000
    _never_open(monkeypatch)
    started = time.perf_counter()
    with pytest.raises(LedgerError, match="zip bomb") as told:
        load.load_sheet(bomb)
    assert time.perf_counter() - started < 2 and told.value.code == "book_inflates"


def _with_content(data: bytes, change) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return _zip({i.filename: change(source.read(i.filename)) if i.filename == "content.xml"
                     else source.read(i.filename) for i in source.infolist()})


def test_an_ods_with_a_far_cell_in_a_few_bytes_of_repeats_is_refused_before_the_reader_opens_it(monkeypatch):
    """Repeated rows and cells let a few bytes stand for a full sheet, which the reader would hold in memory."""
    ledger = render().rows
    far = (f'<table:table-row table:number-rows-repeated="{1048575 - len(ledger)}"><table:table-cell/>'
           '</table:table-row>'.encode() +
           b'<table:table-row><table:table-cell table:number-columns-repeated="16383"/>'
           b'<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'
           b'</table:table-row></table:table>')
    sheets = {"ปก": [["สหกรณ์"]], "ลูกหนี้": ledger}
    data = _with_content(book_bytes("ods", sheets), lambda xml: xml[::-1].replace(b">elbat:elbat/<", far[::-1], 1)[::-1])
    assert len(data) < 10_000
    _never_open(monkeypatch)
    with pytest.raises(LedgerError, match="'ลูกหนี้'.*XFD1048576"):
        load.load_sheet(data, "ปก")


def test_an_ods_whose_last_rows_repeat_empty_is_read(monkeypatch):
    """Calc writes the rest of a formatted sheet as one empty row repeated: nothing filled, nothing refused."""
    rest = b'<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>'
    data = _with_content(book_bytes("ods", {SHEET: render().rows}), lambda xml: xml.replace(b"</table:table>", rest))
    assert differences(summarise(run(data)), expected(), render().marks) == []


@pytest.mark.parametrize("last_row, last_col, cell", [(1048575, 16383, "XFD1048576"), (0xFFFFFFFF, 0, "A4294967296"),
                                                     (0, 0xFFFFFFFF, "MWLQKWV1")])
def test_an_xlsb_sheet_whose_used_area_reaches_far_is_refused_on_that_sheet_only(last_row, last_col, cell):
    import struct

    from .support.xlsb import WS_DIM, record

    ledger = render().rows
    data = book_bytes("xlsb", {"ปก": [["สหกรณ์"]], "ลูกหนี้": ledger})
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {i.filename: source.read(i.filename) for i in source.infolist()}
    used = record(WS_DIM, struct.pack("<IIII", 0, len(ledger) - 1, 0, len(ledger[0]) - 1))
    whole = record(WS_DIM, struct.pack("<IIII", 0, last_row, 0, last_col))  # rows and columns 0-based
    assert parts["xl/worksheets/sheet2.bin"].count(used) == 1
    parts["xl/worksheets/sheet2.bin"] = parts["xl/worksheets/sheet2.bin"].replace(used, whole)
    damaged = _zip(parts)
    assert load.load_sheet(damaged, "ปก").rows[0][0] == "สหกรณ์"
    with pytest.raises(LedgerError, match=f"'ลูกหนี้'.*{cell}"):
        load.load_sheet(damaged, "ลูกหนี้")


def test_a_zip_that_is_no_workbook_is_told_with_every_format_read():
    with pytest.raises(LedgerError) as told:
        load.load_sheet(_zip({"word/document.xml": b"<document/>"}))
    assert told.value.code == "book_not_xlsx"
    for text in (told.value.th, told.value.en):
        assert "xlsx, xls, xlsb, ods, csv" in text
    assert {"xlsb", "ods"} <= set(load.LEDGER_EXTENSIONS)


# ---------------------------------------------------------------- the app


def test_the_load_page_offers_and_reads_an_ods_and_an_xlsb(loans):
    at = start()
    assert {".ods", ".xlsb"} <= set(at.file_uploader[0].proto.type)
    exp = expected_figures(loans, AS_OF)
    for name, fmt, mime in (("ลูกหนี้.ods", "ods", ODS), ("ลูกหนี้.xlsb", "xlsb", XLSB)):
        upload(at, (name, book_bytes(fmt, {SHEET: ledger_rows(loans, LedgerShape(), AS_OF)}), mime))
        assert not at.error and tiles(at) == expected_tiles(exp), name


def test_the_load_page_says_a_file_the_reader_panics_on_is_damaged_and_goes_on_working(loans):
    rows = ledger_rows(loans, LedgerShape(), AS_OF)
    at = upload(start(), ("ลูกหนี้.xls", panicking_xls(rows[:8]), "application/vnd.ms-excel"))
    shown = [unescape(e.value) for e in at.error]
    assert len(shown) == 1 and "LibreOffice" in shown[0]
    assert t("file_damaged", reason="range start index 4 out of range for slice of length 2") in shown[0]
    upload(at, ("ลูกหนี้.xlsb", book_bytes("xlsb", {SHEET: rows}), XLSB))
    assert not at.error and tiles(at) == expected_tiles(expected_figures(loans, AS_OF))


# ---------------------------------------------------------------- the parts read without the reader


@pytest.mark.parametrize("kind", [0x00, 0x7F, 0x80, 0x9C, 0x3FFF])
@pytest.mark.parametrize("size", [0, 1, 127, 128, 16383, 16384, 70000])
def test_xlsb_records_read_back_as_written_and_a_cut_one_ends_them(kind, size):
    from kmdash.read.workbook import _records

    from .support.xlsb import END_SHEET_DATA, record

    body = bytes(range(256)) * (size // 256) + bytes(size % 256)
    assert list(_records(record(kind, body) + record(END_SHEET_DATA))) == [(kind, body), (END_SHEET_DATA, b"")]
    whole = record(kind, body)
    for cut in {1, len(whole) - len(body) - 1, len(whole) - 1} - {0}:
        assert list(_records(whole[:cut])) == [], cut


def test_an_xlsb_records_size_ends_at_its_fourth_byte_and_its_type_at_its_second():
    from kmdash.read.workbook import _records

    assert list(_records(bytes([0x01, 0x82, 0x80, 0x80, 0x80, 0xAA, 0xBB]))) == [(0x01, b"\xaa\xbb")]
    assert list(_records(bytes([0x9C, 0x81, 0x01, 0xAA]))) == [(0x9C, b"\xaa")]  # the type's 2nd byte's high bit


def test_an_xlsb_wide_string_and_a_null_one():
    import struct

    from kmdash.read.workbook import _wide

    from .support.xlsb import wide

    assert _wide(b"ab" + wide("ลูกหนี้") + b"rest", 2) == ("ลูกหนี้", 2 + 4 + 2 * 7)
    assert _wide(b"\xff\xff\xff\xff" + wide("x"), 0) == ("", 4)
    assert _wide(b"\x01\x00\x00\x00\x00\xd8", 0) == ("\ufffd", 6)  # a lone surrogate, as the reader decodes it
    with pytest.raises(struct.error):  # cut short: a damaged workbook
        _wide(b"\x01\x00", 0)


def test_an_xlsb_very_hidden_sheet_and_sheets_whose_parts_are_named_from_the_root():
    import struct

    from kmdash.read.workbook import _xlsb_parts

    from .support.xlsb import BUNDLE_SH, END_BUNDLE_SHS, record, wide, xlsb_bytes

    data = xlsb_bytes({"ก": [["a"]], "ข": [["b"]], "ค": [["c"]]}, hidden=("ข",), very_hidden=("ค",))
    book = Workbook(data, "xlsb")
    assert (book.names, book.hidden) == (["ก", "ข", "ค"], ["ข", "ค"])
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {i.filename: source.read(i.filename) for i in source.infolist()}
    parts["xl/_rels/workbook.bin.rels"] = parts["xl/_rels/workbook.bin.rels"].replace(b'Target="', b'Target="/xl/')
    assert _xlsb_parts(_zip(parts)) == {"ก": ("xl/worksheets/sheet1.bin", "visible"),
                                        "ข": ("xl/worksheets/sheet2.bin", "hidden"),
                                        "ค": ("xl/worksheets/sheet3.bin", "veryHidden")}
    book = parts["xl/workbook.bin"]
    end = book.index(record(END_BUNDLE_SHS))
    stray = record(BUNDLE_SH, struct.pack("<II", 0, 4) + wide("rId99") + wide("ไม่มีส่วน"))  # no such relationship
    parts["xl/workbook.bin"] = book[:end] + stray + book[end:]
    assert _xlsb_parts(_zip(parts))["ไม่มีส่วน"] == ("xl/", "visible")
    parts["xl/workbook.bin"] = book[:end] + record(BUNDLE_SH, struct.pack("<II", 3, 4) + wide("rId1") + wide("ง")) + book[end:]
    with pytest.raises(KeyError):  # no such state: as the reader, a damaged workbook
        _xlsb_parts(_zip(parts))
    del parts["xl/_rels/workbook.bin.rels"]
    assert _xlsb_parts(_zip(parts)) == {}


def _ods_content(tables: str) -> bytes:
    office = "urn:oasis:names:tc:opendocument:xmlns"
    return _zip({"mimetype": ODS.encode(), "content.xml": (
        f'<office:document-content xmlns:office="{office}:office:1.0" xmlns:table="{office}:table:1.0" '
        f'xmlns:text="{office}:text:1.0"><office:body><office:spreadsheet>{tables}'
        '</office:spreadsheet></office:body></office:document-content>').encode()})


ODS_TABLES = (
    '<table:table table:name="ก&amp;ข"><table:table-column table:number-columns-repeated="9"/>'
    '<table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell></table:table-row>'
    '<table:table-row table:number-rows-repeated="3"/>'
    '<table:table-row><table:covered-table-cell table:number-columns-repeated="2"/>'
    '<table:table-cell table:number-columns-repeated="2"><text:p>x</text:p></table:table-cell>'
    '<table:table-cell table:number-columns-repeated="5"/></table:table-row>'
    '<table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="99"/>'
    '</table:table-row></table:table>'
    '<table:table table:name="ว่าง"><table:table-row><table:table-cell/></table:table-row></table:table>'
    '<table:table table:name="ค่า"><table:table-row table:number-rows-repeated="1"><table:table-cell/>'
    '<table:table-cell table:number-columns-repeated="2"/><table:table-cell/>'
    '<table:table-cell office:value-type="float" office:value="1"/></table:table-row></table:table>'
    '<table:table><table:table-row><table:table-cell><text:p>ไม่มีชื่อ</text:p></table:table-cell>'
    '</table:table-row></table:table>'
    "<table:table table:name = 'อัญ>ประกาศ'><table:table-row table:style-name='a>b' table:number-rows-repeated = '7'>"
    "<table:table-cell table:number-columns-repeated='26'/><table:table-cell><text:p>z</text:p></table:table-cell>"
    "</table:table-row></table:table>")


def test_an_ods_tables_last_filled_cell_counts_repeats_and_covered_cells_and_skips_the_empty():
    from kmdash.read.workbook import _ods_areas

    assert _ods_areas(_ods_content(ODS_TABLES)) == {"ก&ข": "D5", "ค่า": "E1", "": "A1", "อัญ>ประกาศ": "AA7"}


@pytest.mark.parametrize("row, column, cell", [(1, 1, "A1"), (9, 26, "Z9"), (1, 27, "AA1"), (1, 702, "ZZ1"),
                                               (1, 703, "AAA1"), (1048576, 16384, "XFD1048576")])
def test_a_cells_name_from_its_row_and_column(row, column, cell):
    from kmdash.read.workbook import _cell_name

    assert _cell_name(row, column) == cell


@pytest.mark.parametrize("chunk", [1, 7, 64, 1 << 20])
def test_an_ods_tags_cut_by_a_chunks_end_are_read_whole(chunk):
    from kmdash.read.workbook import _ods_tags

    xml = ODS_TABLES.encode()
    assert list(_ods_tags(io.BytesIO(xml), chunk)) == list(_ods_tags(io.BytesIO(xml), len(xml)))
    assert len(list(_ods_tags(io.BytesIO(xml), chunk))) == xml.count(b"<table:") + xml.count(b"</table:")


@pytest.mark.parametrize("mimetype, kind", [(ODS, "ods"), (ODS + "-template", "ods"), (f"{ODS}\n", "ods"),
                                            ("application/vnd.oasis.opendocument.text", None)])
def test_an_ods_is_known_by_its_mimetype(mimetype, kind):
    data = _ods_content(ODS_TABLES)
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {i.filename: source.read(i.filename) for i in source.infolist()}
    parts["mimetype"] = mimetype.encode()
    if kind:
        assert load.file_kind(_zip(parts)) == kind
        del parts["content.xml"]
    with pytest.raises(LedgerError) as told:
        load.file_kind(_zip(parts))
    assert told.value.code == "book_not_xlsx"


@pytest.mark.parametrize("fmt", ("xlsx", *FORMATS))
def test_a_plan_or_actions_workbook_is_read_sheet_by_sheet_in_every_format(fmt):
    from kmdash.read.workbook import sheet_frames

    frames = sheet_frames(book_bytes(fmt, {"แผน": [["สมาชิก", "ค้าง"], ["00101", 20000.5]], "อื่น": [["x"]]}),
                          dtype=str, keep_default_na=False)
    assert list(frames) == ["แผน", "อื่น"]
    assert frames["แผน"].to_dict("records") == [{"สมาชิก": "00101", "ค้าง": "20000.5"}]


def test_the_generator_writes_a_ledger_as_ods_by_its_suffix(loans, tmp_path):
    from kmdash.synthetic import write_ledger

    for suffix in ("xlsx", "ods"):
        write_ledger(loans, tmp_path / f"ลูกหนี้.{suffix}")
    as_ods, as_xlsx = summarise(run(tmp_path / "ลูกหนี้.ods")), summarise(run(tmp_path / "ลูกหนี้.xlsx"))
    assert as_ods["file"].endswith(".ods") and {**as_ods, "file": ""} == {**as_xlsx, "file": ""}
    assert load.load_sheet(tmp_path / "ลูกหนี้.ods").sheet == SHEET
    with pytest.raises(ValueError, match="'.xlsb'"):
        write_ledger(loans, tmp_path / "ลูกหนี้.xlsb")
