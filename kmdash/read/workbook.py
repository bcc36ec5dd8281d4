"""Workbooks (xlsx, xls, xlsb, ods): the sheet names, which are hidden, and each sheet's cells as one grid of text.

fastexcel (Rust) parses a sheet without holding Python's lock, so a sheet can parse in a background thread
while the caller goes on: the command line loads pandas meanwhile. Each cell comes as its text, the way a
CSV export of the sheet holds it, which the cleaning reads anyway: numbers as digits ("17", "1234.5"),
dates as "2024-03-31 00:00:00", TRUE as "true"; stripped, blanks None. Row i of the grid is spreadsheet
row i + 1.

Every failure of the reader, a Rust panic included, is a LedgerError (`_told`). A zip workbook is checked for
inflating beyond any ledger before the reader opens it, and a sheet's used area before it parses.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from threading import Lock

from ..errors import LedgerError, errors_told
from . import cfb

MAX_UNZIPPED_BYTES = 400 * 1024 * 1024  # a workbook inflating past this is a zip bomb
MAX_ZIP_RATIO = 200  # real xlsx sheets compress about 10x; bombs by thousands
MAX_CELLS = 6_000_000  # a sheet's used area beyond this is a stray far cell, not a ledger (100,000 loans x 60 columns;
# the reader holds some 100 bytes a cell: 16 million took 1.6 GB for a fuzzer's 10 kB .xls)
MAX_COLUMNS = 1_000  # a ledger has a few dozen columns: a sheet wider has a stray cell far right of its table
_DIMENSION = re.compile(rb'<dimension\s+ref="[A-Z]*\d*:?([A-Z]+)(\d+)"')
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"  # also "...-template" (.ots)
_BUNDLE_SH, _WS_DIM = 0x009C, 0x0094  # xlsb records: a sheet in the workbook, a sheet's used area
_XLSB_STATES = {0: "visible", 1: "hidden", 2: "veryHidden"}
# a table tag, named as the reader matches it (prefix and all); a quoted attribute value may hold ">"
_ODS_TAG = re.compile(rb"""<(/?)table:([a-z-]+)([^>"']*+(?:(?:"[^"]*+"|'[^']*+')[^>"']*+)*+)>""")
_ODS_CELLS = (b"table-cell", b"covered-table-cell")
_ODS_NAME = re.compile(rb"""table:name\s*=\s*(?:"([^"]*)"|'([^']*)')""")  # either quote, as XML allows
_ODS_ROWS = re.compile(rb"""table:number-rows-repeated\s*=\s*["']\s*(\d{1,9})""")
_ODS_COLUMNS = re.compile(rb"""table:number-columns-repeated\s*=\s*["']\s*(\d{1,9})""")


class Workbook:
    """An opened workbook: `names` in order, the `hidden` ones, and `cells(name)`, each sheet parsed once."""

    def __init__(self, data: bytes, kind: str):
        self.kind = kind
        with _told(kind):
            if kind == "xls":  # before the reader follows the container's own counts and chains, or its cells
                for name, rows, columns in cfb.check(data):
                    _check_area(name, _cell_name(rows, columns))
            parts = _PARTS[kind](data) if kind in _PARTS else {}
            self._areas = _sheet_areas(data, kind, parts)
            if kind == "ods":  # the reader parses every sheet as it opens one
                for name, last_cell in self._areas.items():
                    _check_area(name, last_cell)
            self._reader = _reader(data)
            self.names: list[str] = list(self._reader.sheet_names)
            if not self.names:
                raise LedgerError.of("book_no_sheets")
            self.hidden = [n for n in self.names if self._is_hidden(n, parts)]
        self._parsing: dict[str, Future] = {}
        self._one_at_a_time = Lock()  # the reader parses one sheet at a time: a second call meanwhile fails

    def visible_first(self) -> list[str]:
        """Every sheet name, hidden ones after the visible ones."""
        return [n for n in self.names if n not in self.hidden] + self.hidden

    def start(self, name: str) -> None:
        """Begin parsing a sheet in the background (after checking its used area)."""
        if name not in self._parsing:
            _check_area(name, self._areas.get(name))
            pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kmdash-sheet")
            self._parsing[name] = pool.submit(_grid, self._reader, name, self.kind, self._one_at_a_time)
            pool.shutdown(wait=False)  # the thread ends with its one parse

    def cells(self, name: str):
        """The sheet's cells from row 1: a 2-D object array of cleaned text and None, parsed once, then let go."""
        self.start(name)
        with _told(self.kind):
            return self._parsing.pop(name).result()

    def _is_hidden(self, name: str, parts: dict[str, tuple[str, str]]) -> bool:
        """From the workbook's own parts where it has them (no sheet parsed for it); else from the reader, which
        parsed every sheet of an xls or ods as it opened."""
        if self.kind in _PARTS:
            return parts.get(name, ("", "visible"))[1] != "visible"
        return self._reader.load_sheet(name, header_row=None, n_rows=0).visible != "visible"


def sheet_frames(data: bytes, otherwise: Callable[[BaseException], LedgerError] | None = None, **options) -> dict:
    """Every sheet of a zip workbook (xlsx, xlsb, ods) as pandas reads it with calamine (a plan or an actions
    file read back), guarded as a ledger's workbook is: a zip bomb refused, a panic told as a damaged file, and
    any other failure as `otherwise` tells it (by default: an unreadable workbook)."""
    import pandas as pd

    with errors_told(otherwise or (lambda exc: unreadable("xlsx"))):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_inflation(archive.infolist())
        return pd.read_excel(io.BytesIO(data), sheet_name=None, engine="calamine", **options)


def _told(kind: str):
    """The reader's failures as the user's error: a damaged or password-protected workbook, or (a panic of
    the Rust reader) a damaged one."""
    return errors_told(lambda exc: unreadable(kind))


def _reader(data: bytes):
    import fastexcel

    return fastexcel.read_excel(data)


def _grid(reader, name: str, kind: str, one_at_a_time: Lock):
    """One sheet as text cells: skip_rows=0 keeps the rows above the first filled one, so row numbers are the
    spreadsheet's own."""
    with _told(kind):
        with one_at_a_time:
            batch = reader.load_sheet(name, header_row=None, skip_rows=0, dtypes="string", eager=True)
        _check_area(name, _cell_name(batch.num_rows, batch.num_columns))  # an xls tells its area only when read
        import numpy as np  # after the parse: the command line is importing it meanwhile

        grid = np.empty((batch.num_rows, batch.num_columns), dtype=object)
        for j in range(batch.num_columns):
            grid[:, j] = _objects(batch.column(j), kind)
        return grid


def _objects(column, kind: str):
    """A column of text as Python strings and None, cleaned as the cleaning wants them: stripped, a no-break
    space (U+00A0) as a space, a blank cell None; an ods's dates as an xlsx's. A text repeated down the column
    (dates, group names, "0.00") is one shared string, which saves memory and every later step's work on it."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    text = column.buffers()[2]  # every string's bytes, one after the other (None in a column of blanks)
    if text is not None and b"\xc2\xa0" in text.to_pybytes():  # a no-break space: seldom, and a costly pass
        column = pc.replace_substring(column, "\xa0", " ")
    column = pc.utf8_trim_whitespace(column)
    if kind == "ods":
        column = _ods_dates(column)
    column = pc.if_else(pc.equal(column, ""), pa.scalar(None, pa.string()), column)
    sample = column.slice(0, 4096)
    if len(sample.unique()) > len(sample) // 2:  # mostly distinct (names, contracts): nothing to share
        return column.to_numpy(zero_copy_only=False)
    encoded = column.dictionary_encode()
    texts = np.append(encoded.dictionary.to_numpy(zero_copy_only=False), None)
    return texts[encoded.indices.fill_null(-1).to_numpy()]


def _ods_dates(column):
    """An ods's date cells come as ISO text ("2024-03-31", "2024-03-31T10:00:00"): written as an xlsx's date
    cells are ("2024-03-31 00:00:00"). A text cell of the bare ISO form changes alike; it is read as the
    same date either way."""
    import pyarrow.compute as pc

    column = pc.replace_substring_regex(column, r"^(\d{4}-\d{2}-\d{2})$", r"\1 00:00:00")
    return pc.replace_substring_regex(column, r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})", r"\1 \2")


def unreadable(kind: str) -> LedgerError:
    return LedgerError.of("book_unreadable", kind=kind)


def zip_kind(data: bytes) -> str:
    """"xlsx", "xlsb" or "ods", from the parts the zip holds; refused when it inflates far beyond any real
    ledger, or holds none of these."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            _check_inflation(infos)
            names = {i.filename for i in infos}
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "xl/workbook.bin" in names:
                return "xlsb"
            if "mimetype" in names and "content.xml" in names:
                with archive.open("mimetype") as member:
                    if member.read(len(ODS_MIMETYPE) + 16).strip().startswith(ODS_MIMETYPE):
                        return "ods"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, ValueError,
            EOFError, zlib.error) as exc:
        raise unreadable("xlsx") from exc  # a damaged (truncated, encrypted) zip: most likely an xlsx
    raise LedgerError.of("book_not_xlsx")


def _check_inflation(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse a zip that inflates far beyond any real workbook, by its size or its ratio, before inflating it."""
    unzipped = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if unzipped > MAX_UNZIPPED_BYTES or unzipped / packed > MAX_ZIP_RATIO:
        raise LedgerError.of("book_inflates", mb=unzipped / 1e6)


def _sheet_areas(data: bytes, kind: str, parts: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Sheet name -> its used area's last cell ("XFD1048576"): an xlsx sheet's <dimension>, an xlsb sheet's
    BrtWsDim, an ods's last filled cell (its rows and cells repeated by count: a few bytes can stand for a
    sheet full). An xls's sheets are checked as the workbook opens (`cfb.check`: its cells' farthest)."""
    if kind == "xlsx":
        return _xlsx_areas(data, parts)
    if kind == "xlsb":
        return _xlsb_areas(data, parts)
    if kind == "ods":
        return _ods_areas(data)
    return {}


def _xlsx_areas(data: bytes, parts: dict[str, tuple[str, str]]) -> dict[str, str]:
    areas = {}
    for name, head in _sheet_heads(data, parts, 4096):
        found = _DIMENSION.search(head)
        if found:
            areas[name] = found[1].decode() + found[2].decode()
    return areas


def _sheet_heads(data: bytes, parts: dict[str, tuple[str, str]], size: int):
    """(sheet name, the first `size` bytes of its part) for each sheet whose part is in the archive."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        present = set(archive.namelist())
        for name, (path, _) in parts.items():
            if path in present:
                with archive.open(path) as member:
                    yield name, member.read(size)


def _xlsb_parts(data: bytes) -> dict[str, tuple[str, str]]:
    """Sheet name -> (its part, its state), from xl/workbook.bin's BrtBundleSh records (state, tab, relationship
    id, name) and its relationships."""
    parts = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            targets = _relationships(archive, "xl/_rels/workbook.bin.rels")
        except KeyError:
            return {}  # the reader itself will say the workbook is damaged
        for kind, body in _records(archive.read("xl/workbook.bin")):
            if kind == _BUNDLE_SH:
                rel, at = _wide(body, 8)
                name, _ = _wide(body, at)
                path = "xl/" + targets.get(rel, "").lstrip("/").removeprefix("xl/")
                parts[name] = (path, _XLSB_STATES[body[0] & 0x03])  # no other state: a damaged workbook
    return parts


def _xlsb_areas(data: bytes, parts: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Each sheet part's BrtWsDim: first row, last row, first column, last column (0-based), near its start."""
    areas = {}
    for name, head in _sheet_heads(data, parts, 512):  # BrtBeginSheet, BrtWsProp, BrtWsDim: a few dozen bytes
        for kind, body in _records(head):
            if kind == _WS_DIM:
                _, last_row, _, last_col = struct.unpack_from("<IIII", body)
                areas[name] = _cell_name(last_row + 1, last_col + 1)
                break
    return areas


def _ods_areas(data: bytes) -> dict[str, str]:
    """Each table's last filled row and column, its repeated rows and cells counted, from content.xml's tags
    as the reader matches them (table:table-row, ...), read in chunks."""
    from html import unescape

    areas, name, rows, columns, repeat, last_row, last_col, filled = {}, "", 0, 0, 1, 0, 0, False
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("content.xml") as content:
        for closing, tag, attributes, empty in _ods_tags(content):
            if tag == b"table" and not closing:
                found = _ODS_NAME.search(attributes)
                quoted = (found[1] if found[1] is not None else found[2]) if found else b""
                name, rows, last_row, last_col = unescape(quoted.decode()), 0, 0, 0  # not UTF-8: a damaged file
            elif tag == b"table":
                areas[name] = _cell_name(last_row, last_col) if last_row else None  # a filled row has a cell
            elif tag == b"table-row" and not closing:
                columns, filled, repeat = 0, False, _repeat(_ODS_ROWS, attributes)
                if empty:
                    rows += repeat
            elif tag == b"table-row":
                last_row = rows + repeat if filled else last_row
                rows += repeat
            elif tag in _ODS_CELLS and not closing:  # filled when it holds something or says its type
                cells = _repeat(_ODS_COLUMNS, attributes)
                if not empty or b"office:value-type" in attributes:
                    last_col, filled = max(last_col, columns + cells), True
                columns += cells
    return {n: a for n, a in areas.items() if a}


def _ods_tags(content, chunk: int = 1 << 20):
    """(closing, tag, attributes, empty) of each table tag, a chunk at a time: each chunk up to its last "<",
    which no tag before it holds (XML allows none in an attribute's value), the rest read with the next."""
    rest, block = b"", b"."
    while block:
        block = content.read(chunk)
        text = rest + block
        cut = text.rfind(b"<") if block else len(text)
        for found in _ODS_TAG.finditer(text, 0, max(cut, 0)):
            attributes = found[3]
            yield bool(found[1]), found[2], attributes, attributes.endswith(b"/")
        rest = text[max(cut, 0):]


def _repeat(pattern: re.Pattern, attributes: bytes) -> int:
    found = pattern.search(attributes) if b"-repeated" in attributes else None
    return max(1, int(found[1])) if found else 1


def _records(data: bytes):
    """An xlsb part's (type, body) records: the type in up to 2 bytes, the size in up to 4, each 7 bits a byte
    low first (the high bit: another follows); a record cut short by the end of `data` ends them."""
    at = 0
    while at < len(data):
        kind, at = _number(data, at, 2)
        size, at = _number(data, at, 4)
        if at + size > len(data):
            return
        yield kind, data[at:at + size]
        at += size


def _number(data: bytes, at: int, most: int) -> tuple[int, int]:
    """A number of up to `most` bytes at `at`, and where it ends; past the end of `data` where it is cut."""
    value = 0
    for i in range(most):
        if at >= len(data):
            return value, len(data) + 1
        value |= (data[at] & 0x7F) << 7 * i
        at += 1
        if not data[at - 1] & 0x80:
            break
    return value, at


def _wide(body: bytes, at: int) -> tuple[str, int]:
    """An XLWideString at `at` (a count of UTF-16 units, then the text; 0xFFFFFFFF for none) and where it ends;
    struct.error where the record is cut short (a damaged workbook)."""
    count = struct.unpack_from("<I", body, at)[0]
    count = 0 if count == 0xFFFFFFFF else count
    end = at + 4 + 2 * count
    return body[at + 4:end].decode("utf-16-le", errors="replace"), end


def _cell_name(row: int, column: int) -> str:
    """(1048576, 16384) -> "XFD1048576"."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


def _check_area(sheet: str, last_cell: str | None) -> None:
    """Refuse a sheet whose used area is huge (the reader would need it all in memory) or far too wide for a
    ledger (every later step would go through each of its columns)."""
    if last_cell is None:
        return
    letters = last_cell.rstrip("0123456789")
    columns = 0
    for letter in letters:
        columns = columns * 26 + ord(letter) - 64
    if columns > MAX_COLUMNS or columns * int(last_cell[len(letters):]) > MAX_CELLS:
        raise LedgerError.of("sheet_too_far", sheet=sheet, cell=last_cell)


def _relationships(archive: zipfile.ZipFile, path: str) -> dict[str, str]:
    """A relationships part: Id -> Target."""
    from defusedxml import ElementTree

    return {r.get("Id"): r.get("Target", "") for r in ElementTree.fromstring(archive.read(path))}


def _xlsx_parts(data: bytes) -> dict[str, tuple[str, str]]:
    """Sheet name -> (its XML part, its state: "visible", "hidden" or "veryHidden"), from xl/workbook.xml and
    its relationships."""
    from defusedxml import ElementTree

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            targets = _relationships(archive, "xl/_rels/workbook.xml.rels")
            book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        except (KeyError, ElementTree.ParseError):
            return {}  # the reader itself will say the workbook is damaged
    parts = {}
    for node in book.iter():
        if node.tag.endswith("}sheet"):
            rel = next((v for k, v in node.attrib.items() if k.endswith("}id")), None)
            target = targets.get(rel, "").lstrip("/")
            parts[node.get("name")] = (target if target.startswith("xl/") else f"xl/{target}",
                                       node.get("state", "visible"))
    return parts


_PARTS = {"xlsx": _xlsx_parts, "xlsb": _xlsb_parts}  # a sheet's part and state, read from the workbook's own parts
