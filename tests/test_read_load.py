"""A file's bytes to rows of cells (kmdash/read/load.py), each step at its edges: the size limit, the kind told
from the content, the text encodings Thai exports come in, the delimiter, the sheet asked for, trailing blank
rows. Expected values are written here by hand."""

from __future__ import annotations

import threading
import time

import pytest

from kmdash.errors import LedgerError
from kmdash.read import load, workbook

from .support.ledgers import book_bytes, xls_bytes

ROWS = [["เลขที่สมาชิก", "ชื่อ", "เงินต้นคงเหลือ"], ["00017", "นางสาวมาลี ดีใจ", "1,250.50"]]
NS = 'xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"'


def code_of(call, *args) -> str:
    with pytest.raises(LedgerError) as refused:
        call(*args)
    return refused.value.code


def xml2003(*names: str) -> bytes:
    sheets = "".join(f'<Worksheet ss:Name="{n}"><Table><Row><Cell><Data ss:Type="String">{n}</Data></Cell></Row>'
                     "</Table></Worksheet>" for n in names)
    return f'<?xml version="1.0"?><Workbook {NS}>{sheets}</Workbook>'.encode()


# ---------------------------------------------------------------- the file's bytes


def test_bytes_are_taken_as_they_are_and_a_path_is_read(tmp_path):
    path = tmp_path / "ledger.csv"
    path.write_bytes(b"a,b\n1,2\n")
    assert load.read_source(bytearray(b"a,b")) == b"a,b" and type(load.read_source(bytearray(b"a"))) is bytes
    assert load.read_source(path) == load.read_source(str(path)) == b"a,b\n1,2\n"


def test_a_missing_or_empty_file_says_so(tmp_path):
    assert code_of(load.read_source, tmp_path / "none.xlsx") == "file_missing"
    assert code_of(load.read_source, tmp_path) == "file_missing"  # a folder is no file
    (tmp_path / "empty.csv").write_bytes(b"")
    assert code_of(load.read_source, tmp_path / "empty.csv") == "file_empty"
    assert code_of(load.read_source, b"") == "file_empty"


def test_a_file_of_the_limit_is_read_and_one_byte_more_is_too_big(tmp_path, monkeypatch):
    monkeypatch.setattr(load, "MAX_FILE_BYTES", 10)
    path = tmp_path / "ledger.csv"
    for size, refused in ((10, False), (11, True)):
        path.write_bytes(b"x" * size)
        for source in (path, b"x" * size):
            if refused:
                with pytest.raises(LedgerError) as error:
                    load.read_source(source)
                assert error.value.code == "file_too_big"
                assert "0 MB" in error.value.message("en")
            else:
                assert load.read_source(source) == b"x" * size


def test_the_limit_is_a_hundred_megabytes():
    assert load.MAX_FILE_BYTES == 100 * 1024 * 1024


# ---------------------------------------------------------------- the kind, from the content


@pytest.mark.parametrize("data, kind", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "xls"),
    (b"a,b\n1,2", "csv"),
    (b"<html><body><table><tr><td>1</td></tr></table></body></html>", "html"),
    (b"\xef\xbb\xbf  \n<!DOCTYPE HTML><p>x</p>", "html"),
    (b"<TABLE><tr><td>1</td></tr></TABLE>", "html"),
    (b'<meta charset="utf-8"><p>x</p>', "html"),
    (b"Ledger\n" + b"x" * 100 + b"<table><tr><td>1</td></tr></table>", "html"),
    (b"\xef\xbb\xbf" + xml2003("a"), "xml2003"),
    (b"  " + xml2003("a"), "xml2003"),
])
def test_the_kind_comes_from_the_content(data, kind):
    assert load.file_kind(data) == kind


def test_zips_are_told_by_their_parts():
    assert load.file_kind(book_bytes("xlsx", {"a": ROWS})) == "xlsx"
    assert load.file_kind(book_bytes("ods", {"a": ROWS})) == "ods"


@pytest.mark.parametrize("data", [
    b"<p>no table here</p>", b'<?xml version="1.0"?><root/>',
    b'<?xml version="1.0"?>' + b" " * 4100 + b"urn:schemas-microsoft-com:office:spreadsheet",
    b"\n\n<svg></svg>"], ids=["markup", "other-xml", "excel-namespace-too-far", "after-blank-lines"])
def test_markup_without_a_table_is_no_table(data):
    assert code_of(load.file_kind, data) == "file_no_table"


def test_a_table_further_than_the_first_4096_bytes_is_not_looked_for():
    assert load.file_kind(b"x" * 4096 + b"<table>") == "csv"
    assert load.file_kind(b"x" * 4089 + b"<table>") == "html"


# ---------------------------------------------------------------- sheets


def test_sheet_names_of_each_kind():
    assert load.sheet_names(b"a,b\n1,2\n") == []
    assert load.sheet_names(b"<table><tr><td>a</td><td>b</td></tr></table>") == []
    assert load.sheet_names(xml2003("ลูกหนี้", "สรุป")) == ["ลูกหนี้", "สรุป"]
    assert load.sheet_names(book_bytes("xlsx", {"ปก": [["x"]], "ลูกหนี้": ROWS})) == ["ปก", "ลูกหนี้"]
    assert load.sheet_names(xls_bytes(ROWS, "แผ่น1")) == ["แผ่น1"]
    assert code_of(load.sheet_names, b"<p>x</p>") == "file_no_table"


@pytest.mark.parametrize("sheet, name", [(0, "ปก"), (2, "สรุป"), ("ลูกหนี้", "ลูกหนี้")])
def test_a_sheet_by_number_or_name(sheet, name):
    data = book_bytes("xlsx", {"ปก": [["ปก"]], "ลูกหนี้": [["ลูกหนี้"]], "สรุป": [["สรุป"]]})
    raw = load.load_sheet(data, sheet)
    assert (raw.sheet, raw.rows.tolist(), raw.sheets) == (name, [[name]], ["ปก", "ลูกหนี้", "สรุป"])


@pytest.mark.parametrize("sheet", [3, -1, "Sheet1"])
def test_a_sheet_not_there_lists_those_that_are(sheet):
    data = book_bytes("xlsx", {"ปก": [["ปก"]], "ลูกหนี้": [["x"]], "สรุป": [["y"]]})
    with pytest.raises(LedgerError) as refused:
        load.load_sheet(data, sheet)
    assert refused.value.code == "sheet_missing"
    assert "ปก, ลูกหนี้, สรุป" in refused.value.message("th")


def test_excel_2003_xml_sheets_by_number_or_name_or_all():
    data = xml2003("ก", "ข")
    assert [(r.sheet, r.rows, r.kind) for r in load.iter_sheets(data)] == [("ก", [["ก"]], "xml2003"),
                                                                          ("ข", [["ข"]], "xml2003")]
    assert load.load_sheet(data, 1).sheet == load.load_sheet(data, "ข").sheet == "ข"
    assert code_of(load.load_sheet, data, 2) == "sheet_missing"


def test_broken_excel_2003_xml_or_html_is_unreadable(monkeypatch):
    assert code_of(load.load_sheet, xml2003("ก")[:-12]) == "book_unreadable"

    def broken(text):
        raise ValueError("lxml could not")

    monkeypatch.setattr(load, "html_rows", broken)
    with pytest.raises(LedgerError) as refused:
        load.load_sheet(b"<table><tr><td>1</td></tr></table>")
    assert refused.value.code == "book_unreadable" and "html" in refused.value.message("en").lower()


def test_a_page_whose_tables_have_no_rows_is_no_table():
    assert code_of(load.load_sheet, b"<table></table>") == "file_no_table"


def test_visible_sheets_first_and_hidden_ones_on_request():
    data = book_bytes("xlsx", {"ซ่อน": [["h"]], "ก": [["a"]], "ข": [["b"]]}, hidden=("ซ่อน",))
    names = lambda **kw: [r.sheet for r in load.iter_sheets(data, **kw)]  # noqa: E731
    assert names() == ["ก", "ข", "ซ่อน"]
    assert names(hidden=False) == ["ก", "ข"]
    assert names(hidden=True) == ["ซ่อน"]
    assert names(sheet="ซ่อน", hidden=False) == ["ซ่อน"]  # a sheet asked for by name is read, hidden or not
    assert next(load.iter_sheets(data)).hidden == ["ซ่อน"]


def test_a_csv_or_html_is_one_sheet_with_its_encoding():
    raw = load.load_sheet("a,b\n1,2\n".encode("cp874"))
    assert (raw.rows, raw.kind, raw.sheet, raw.encoding) == ([["a", "b"], ["1", "2"]], "csv", None, "utf-8")
    page = load.load_sheet("<table><tr><td>ชื่อ</td></tr></table>".encode("utf-8"))
    assert (page.rows, page.kind, page.encoding) == ([["ชื่อ"]], "html", "utf-8")


# ---------------------------------------------------------------- text encodings


@pytest.mark.parametrize("data, encoding", [
    ("ชื่อ,ยอด\n".encode("utf-16"), "utf-16"),
    ("ชื่อ,ยอด\n".encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16"),
    ("ab,cd\n".encode("utf-16-le"), "utf-16-le"),
    ("ab,cd\n".encode("utf-16-be"), "utf-16-be"),
    ("ชื่อ,ยอด\n".encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + "ชื่อ,ยอด\n".encode("utf-8"), "utf-8-sig"),
    (b"\xef\xbb\xbf" + "ชื่อ,ยอด\n".encode("cp874"), "cp874"),
    ("ชื่อ,ยอด\n".encode("cp874"), "cp874"),
])
def test_each_encoding_thai_exports_come_in(data, encoding):
    text, found = load.decode_text(data)
    assert found == encoding
    assert text.lstrip("\ufeff") in ("ชื่อ,ยอด\n", "ab,cd\n")


def test_utf16_without_a_mark_is_told_by_its_zero_bytes():
    assert not load._looks_utf16_without_bom(b"a\0b")  # too short to tell
    assert load._looks_utf16_without_bom(b"a\0b\0")
    assert not load._looks_utf16_without_bom(b"ab\0cdefgh\0")  # 2 zeros in 10 bytes: a third is 3
    assert not load._looks_utf16_without_bom(b"ab\0c\0d\0efg")  # 3 in 10: not more than a third
    assert load._looks_utf16_without_bom(b"ab\0c\0d\0e\0g")  # 4 in 10
    sample = b"x" * 2000 + b"\0" * 3000  # only the first 2,000 bytes are looked at
    assert not load._looks_utf16_without_bom(sample)


def test_noise_that_happens_to_decode_is_not_text():
    good = "ก" * 99 + "\x01"  # one control character in a hundred: a stray byte
    assert load._checked(good) == good
    assert code_of(load._checked, "ก" * 98 + "\x01\x01") == "file_not_text"
    assert code_of(load._checked, "ก" * 98 + "\ufffd\ufffd") == "file_not_text"
    assert load._checked("ก\tข\r\n" * 30) == "ก\tข\r\n" * 30  # tabs and line ends are text
    assert code_of(load._checked, " \n\t ") == "file_not_text"
    assert load._checked("ก" * 20000 + "\x01" * 500) == "ก" * 20000 + "\x01" * 500  # past the sample


# ---------------------------------------------------------------- delimiters and rows


@pytest.mark.parametrize("text, rows", [
    ("a;b;c\n1;2;3\n", [["a", "b", "c"], ["1", "2", "3"]]),
    ("a|b\n1|2\n", [["a", "b"], ["1", "2"]]),
    ('a\tb\n"1,000.50"\t2\n', [["a", "b"], ["1,000.50", "2"]]),
    ("sep=;\na,1;b\nc;d\n", [["a,1", "b"], ["c", "d"]]),
    ("sep=|", []),
    ("just one field\nand another\n", [["just one field"], ["and another"]]),
])
def test_the_delimiter_that_splits_the_most_lines_alike(text, rows):
    assert load.load_sheet(text.encode()).rows == rows


def test_a_title_line_does_not_choose_the_delimiter():
    text = "รายงาน; ณ วันที่ 31 มี.ค. 2567\nเลขที่,ชื่อ,ยอด\n1,ก,2\n3,ข,4\n"
    assert load.load_sheet(text.encode()).rows[1:] == [["เลขที่", "ชื่อ", "ยอด"], ["1", "ก", "2"], ["3", "ข", "4"]]


def test_a_tie_goes_to_the_wider_split_then_the_comma():
    assert load._delimiter(["a,b;c;d", "e,f;g;h"]) == ";"
    assert load._delimiter(["a,b;c", "d,e;f"]) == ","


def test_only_the_first_sixty_lines_choose():
    rows = load.load_sheet(("a;b\n" * 60 + "a,b,c\n" * 100).encode()).rows
    assert rows[59] == ["a", "b"] and rows[60] == ["a,b,c"]


def test_trailing_blank_rows_go_and_blank_rows_inside_stay():
    assert load._trim([["a"], [None, " "], ["b"], [None], ["", "  "], []]) == [["a"], [None, " "], ["b"]]
    assert load._trim([["a"], [0]]) == [["a"], [0]]  # a zero is a value
    assert load._trim([[None], [""]]) == []


class OneCallAtATime:
    """The reader as its Rust object behaves: a second parse while one runs fails ("Already borrowed"); each
    parse made slow enough that a second one comes while it runs."""

    def __init__(self, reader):
        self.reader, self.busy = reader, threading.Lock()
        self.sheet_names = reader.sheet_names

    def load_sheet(self, *args, **kwargs):
        if not self.busy.acquire(blocking=False):
            raise RuntimeError("Already borrowed")
        try:
            time.sleep(0.2)
            return self.reader.load_sheet(*args, **kwargs)
        finally:
            self.busy.release()


def test_a_sheet_asked_for_while_another_parses_waits_for_it(monkeypatch):
    """The first visible sheet parses as the file opens; a hidden one asked for meanwhile is read after it."""
    opened = workbook._reader
    monkeypatch.setattr(workbook, "_reader", lambda data: OneCallAtATime(opened(data)))
    data = book_bytes("xlsx", {"ซ่อน": [["h"]], "ก": [["a"]]}, hidden=("ซ่อน",))
    assert [(r.sheet, r.rows.tolist()) for r in load.iter_sheets(data, hidden=True)] == [("ซ่อน", [["h"]])]
