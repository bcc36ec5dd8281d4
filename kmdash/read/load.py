"""Bytes or a path -> a raw grid of cells (xlsx, xls, xlsb, ods, csv, an HTML table, Excel 2003 XML): format
and encoding detection, size guards; workbooks through `workbook`.

Nothing here knows about ledgers; it only turns a file into rows of Python values, or raises
LedgerError with a message a co-op clerk can act on (whatever failed on the way: `file_errors_told`).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from ..errors import LedgerError, file_errors_told
from .markup import html_rows, xml2003_sheets
from .workbook import Workbook, unreadable, zip_kind

if TYPE_CHECKING:
    import numpy as np

MAX_FILE_BYTES = 100 * 1024 * 1024  # larger than any real ledger export
# the file names an uploader offers for a ledger (the content, not the name, decides how it is read)
LEDGER_EXTENSIONS = ["xlsx", "xls", "xlsb", "ods", "csv", "txt", "htm", "html", "xml"]
WORKBOOKS = ("xlsx", "xls", "xlsb", "ods")  # read by `workbook`, as text cells cleaned in Arrow

_XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_CSV_DELIMITERS = ",;\t|"


@dataclass
class RawSheet:
    """One sheet as rows of cells; `rows[i]` is spreadsheet row `i + 1`."""

    rows: list[list[object]] | np.ndarray  # a workbook's: one 2-D object array of text cells
    kind: str  # one of WORKBOOKS, "xml2003", "html" or "csv"
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    encoding: str | None = None
    hidden: list[str] = field(default_factory=list)  # the workbook's hidden sheets

    @property
    def text_only(self) -> bool:
        """Every cell is text or None: all but Excel 2003 XML, whose cells carry their types."""
        return self.kind != "xml2003"

    @property
    def clean(self) -> bool:
        """Text already stripped, no-break spaces as spaces, blanks None: a workbook's, cleaned in Arrow."""
        return self.kind in WORKBOOKS


def read_source(source: bytes | str | Path) -> bytes:
    """The file's bytes, with clear messages for a missing, empty or oversized file."""
    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
    else:
        path = Path(source)
        if not path.is_file():
            raise LedgerError.of("file_missing", path=path)
        if path.stat().st_size > MAX_FILE_BYTES:
            raise _too_big(path.stat().st_size)
        data = path.read_bytes()
    if not data:
        raise LedgerError.of("file_empty")
    if len(data) > MAX_FILE_BYTES:
        raise _too_big(len(data))
    return data


def _too_big(size: int) -> LedgerError:
    return LedgerError.of("file_too_big", mb=size / 1e6, limit=MAX_FILE_BYTES / 1e6)


def file_kind(data: bytes) -> str:
    """One of WORKBOOKS, "xml2003", "html" or "csv" from the content, not the file name."""
    if data.startswith(_ZIP_MAGIC):
        return zip_kind(data)
    if data.startswith(_XLS_MAGIC):
        return "xls"
    head = data[:4096].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if head.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in head:
        return "xml2003"
    if head.startswith((b"<html", b"<!doctype html", b"<table", b"<meta")) or b"<table" in head:
        return "html"
    if head.startswith(b"<"):
        raise _not_a_table()
    return "csv"


def _not_a_table() -> LedgerError:
    return LedgerError.of("file_no_table")


def sheet_names(data: bytes) -> list[str]:
    """Sheet names of a workbook; [] for CSV and an HTML page."""
    with file_errors_told():
        kind = file_kind(data)
        if kind in ("csv", "html"):
            return []
        if kind == "xml2003":
            return next(_xml2003_sheets(data, None)).sheets
        return Workbook(data, kind).names


@dataclass
class OpenFile:
    """A file read into memory, its kind known; a workbook opened, with the sheet to be read first already
    parsing in the background."""

    data: bytes
    kind: str
    name: str | None  # the path it came from; None for an upload
    book: Workbook | None = None


Source = bytes | str | Path | OpenFile


def open_file(source: Source, sheet: str | int | None = None) -> OpenFile:
    """Read the file and, for a workbook, start parsing the named sheet (else the first visible one)."""
    if isinstance(source, OpenFile):
        return source
    with file_errors_told():
        data = read_source(source)
        kind = file_kind(data)
        book = Workbook(data, kind) if kind in WORKBOOKS else None
        if book:
            book.start(_pick_sheet(book.names, sheet) if sheet is not None else book.visible_first()[0])
    return OpenFile(data, kind, source_name(source), book)


def source_name(source: Source) -> str | None:
    """The path a source came from; None for an upload's bytes."""
    if isinstance(source, OpenFile):
        return source.name
    return None if isinstance(source, (bytes, bytearray)) else str(source)


def load_sheet(source: Source, sheet: str | int | None = 0) -> RawSheet:
    """Read one sheet (by name or index) of a workbook, or the one table of a text or HTML file."""
    return next(iter_sheets(source, sheet))


def iter_sheets(source: Source, sheet: str | int | None = None, hidden: bool | None = None) -> Iterator[RawSheet]:
    """The chosen sheet, or (sheet=None) every sheet, visible ones first (hidden=False: only the visible ones;
    True: only the hidden ones), each read only when asked for."""
    with file_errors_told():
        yield from _sheets(open_file(source, sheet), sheet, hidden)


def _sheets(opened: OpenFile, sheet: str | int | None, hidden: bool | None) -> Iterator[RawSheet]:
    """iter_sheets' work, on the opened file."""
    data, kind, book = opened.data, opened.kind, opened.book
    if kind in ("csv", "html"):
        rows, encoding = _csv_rows(data) if kind == "csv" else _html_rows(data)
        yield RawSheet(rows=_trim(rows), kind=kind, encoding=encoding)
        return
    if kind == "xml2003":
        yield from _xml2003_sheets(data, sheet)
        return
    chosen = [_pick_sheet(book.names, sheet)] if sheet is not None else book.visible_first()
    if sheet is None and hidden is not None:
        chosen = [n for n in chosen if (n in book.hidden) == hidden]
    for name in chosen:
        # no local keeps the cells while the generator waits: the cleaning may let them go
        yield RawSheet(rows=_trim(book.cells(name)), kind=kind, sheet=name, sheets=book.names, hidden=book.hidden)


def _html_rows(data: bytes) -> tuple[list[list[object]], str]:
    text, encoding = decode_text(data)
    try:
        rows = html_rows(text)
    except Exception as exc:  # lxml's errors for pages it cannot parse
        raise unreadable("html") from exc
    if not rows:
        raise _not_a_table()
    return rows, encoding


def _xml2003_sheets(data: bytes, sheet: str | int | None) -> Iterator[RawSheet]:
    try:
        sheets = xml2003_sheets(data)
    except Exception as exc:  # malformed XML, or entities defusedxml refuses
        raise unreadable("xml") from exc
    names = list(sheets)
    for name in [_pick_sheet(names, sheet)] if sheet is not None else names:
        yield RawSheet(rows=_trim(sheets[name]), kind="xml2003", sheet=name, sheets=names)


def _pick_sheet(names: list[str], sheet: str | int) -> str:
    if isinstance(sheet, int):
        if 0 <= sheet < len(names):
            return names[sheet]
    elif sheet in names:
        return sheet
    raise LedgerError.of("sheet_missing", sheet=sheet, listed=", ".join(names))


def _csv_rows(data: bytes) -> tuple[list[list[object]], str]:
    text, encoding = decode_text(data)
    lines = text.splitlines()
    if lines and re.fullmatch(r"sep=.", lines[0].strip()):  # Excel's delimiter hint, not a row
        delimiter, text = lines[0].strip()[4], text.split("\n", 1)[1] if "\n" in text else ""
    else:
        delimiter = _delimiter(lines[:60])
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)), encoding


def _delimiter(lines: list[str]) -> str:
    """The delimiter that splits the most lines into the same number of fields (title rows aside):
    counting characters fails when amounts carry thousands commas in a tab-separated file."""
    def score(delimiter: str) -> tuple[int, int]:
        widths = Counter(len(row) for row in csv.reader(lines, delimiter=delimiter) if len(row) > 1)
        width, lines_of_width = widths.most_common(1)[0] if widths else (1, 0)
        return lines_of_width, width

    return max(_CSV_DELIMITERS, key=score)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a text export: UTF-8 (with or without BOM), UTF-16, else cp874 (Thai Windows)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _checked(data.decode("utf-16", errors="replace")), "utf-16"
    if _looks_utf16_without_bom(data):
        codec = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        return _checked(data.decode(codec, errors="replace")), codec
    bom = data.startswith(b"\xef\xbb\xbf")
    body = data[3:] if bom else data  # the mark is sometimes in front of a cp874 body
    try:
        return _checked(body.decode("utf-8")), "utf-8-sig" if bom else "utf-8"
    except UnicodeDecodeError:  # Thai Windows: a stray byte cp874 lacks is replaced, noise is still refused
        return _checked(body.decode("cp874", errors="replace")), "cp874"


def _looks_utf16_without_bom(data: bytes) -> bool:
    sample = data[:2000]
    return len(sample) >= 4 and sample.count(b"\x00") > len(sample) // 3


def _checked(text: str) -> str:
    """Refuse binary noise that happened to decode."""
    sample = text[:20000]
    bad = sum(1 for ch in sample if (ch < " " and ch not in "\t\r\n") or ch == "\ufffd")
    if not sample.strip() or bad > len(sample) // 100:
        raise _not_text()
    return text


def _not_text() -> LedgerError:
    return LedgerError.of("file_not_text")


def _trim(rows: list[list[object]]) -> list[list[object]]:
    """Drop trailing rows with no content, so xlsx and csv of one ledger count alike."""
    end = len(rows)
    while end and all(c is None or (isinstance(c, str) and not c.strip()) for c in rows[end - 1]):
        end -= 1
    return rows[:end]
