"""xlsx and xls workbooks: the sheet names, which are hidden, and each sheet's cells as one grid of text.

fastexcel (Rust) parses a sheet without holding Python's lock, so a sheet can parse in a background thread
while the caller goes on: the command line loads pandas meanwhile. Each cell comes as its text, the way a
CSV export of the sheet holds it, which the cleaning reads anyway: numbers as digits ("17", "1234.5"),
dates as "2024-03-31 00:00:00", TRUE as "true"; stripped, blanks None. Row i of the grid is spreadsheet
row i + 1.
"""

from __future__ import annotations

import io
import re
import zipfile
from concurrent.futures import Future, ThreadPoolExecutor

from ..errors import LedgerError

MAX_UNZIPPED_BYTES = 400 * 1024 * 1024  # an xlsx inflating past this is a zip bomb
MAX_ZIP_RATIO = 200  # real xlsx sheets compress about 10x; bombs by thousands
MAX_CELLS = 20_000_000  # a sheet's used area beyond this is a stray far cell, not a ledger
_DIMENSION = re.compile(rb'<dimension\s+ref="[A-Z]*\d*:?([A-Z]+)(\d+)"')


class Workbook:
    """An opened workbook: `names` in order, the `hidden` ones, and `cells(name)`, each sheet parsed once."""

    def __init__(self, data: bytes, kind: str):
        if kind == "xlsx":
            _check_zip(data)
        self.kind = kind
        self._reader = _reader(data, kind)
        self.names: list[str] = list(self._reader.sheet_names)
        if not self.names:
            raise LedgerError.of("book_no_sheets")
        parts = _xlsx_parts(data) if kind == "xlsx" else {}
        self.hidden = [n for n in self.names if self._is_hidden(n, parts)]
        self._areas = _sheet_areas(data, parts) if kind == "xlsx" else {}
        self._parsing: dict[str, Future] = {}

    def visible_first(self) -> list[str]:
        """Every sheet name, hidden ones after the visible ones."""
        return [n for n in self.names if n not in self.hidden] + self.hidden

    def start(self, name: str) -> None:
        """Begin parsing a sheet in the background (after checking its used area)."""
        if name not in self._parsing:
            _check_area(name, self._areas.get(name))
            pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kmdash-sheet")
            self._parsing[name] = pool.submit(_grid, self._reader, name, self.kind)
            pool.shutdown(wait=False)  # the thread ends with its one parse

    def cells(self, name: str):
        """The sheet's cells from row 1: a 2-D object array of cleaned text and None, parsed once, then let go."""
        self.start(name)
        return self._parsing.pop(name).result()

    def _is_hidden(self, name: str, parts: dict[str, tuple[str, str]]) -> bool:
        if self.kind == "xlsx":
            return parts.get(name, ("", "visible"))[1] != "visible"
        return self._reader.load_sheet(name, header_row=None, n_rows=0).visible != "visible"


def _reader(data: bytes, kind: str):
    import fastexcel

    try:
        return fastexcel.read_excel(data)
    except Exception as exc:  # damaged or password-protected workbooks
        raise unreadable(kind) from exc


def _grid(reader, name: str, kind: str):
    """One sheet as text cells: skip_rows=0 keeps the rows above the first filled one, so row numbers are the
    spreadsheet's own."""
    try:
        batch = reader.load_sheet(name, header_row=None, skip_rows=0, dtypes="string", eager=True)
    except Exception as exc:  # fastexcel raises several types for damaged sheets
        raise unreadable(kind) from exc
    import numpy as np  # after the parse: the command line is importing it meanwhile

    grid = np.empty((batch.num_rows, batch.num_columns), dtype=object)
    for j in range(batch.num_columns):
        grid[:, j] = _objects(batch.column(j))
    return grid


def _objects(column):
    """A column of text as Python strings and None, cleaned as the cleaning wants them: stripped, a no-break
    space (U+00A0) as a space, a blank cell None. A text repeated down the column (dates, group names,
    "0.00") is one shared string, which saves memory and every later step's work on it."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    text = column.buffers()[2]  # every string's bytes, one after the other (None in a column of blanks)
    if text is not None and b"\xc2\xa0" in text.to_pybytes():  # a no-break space: seldom, and a costly pass
        column = pc.replace_substring(column, "\xa0", " ")
    column = pc.utf8_trim_whitespace(column)
    column = pc.if_else(pc.equal(column, ""), pa.scalar(None, pa.string()), column)
    sample = column.slice(0, 4096)
    if len(sample.unique()) > len(sample) // 2:  # mostly distinct (names, contracts): nothing to share
        return column.to_numpy(zero_copy_only=False)
    encoded = column.dictionary_encode()
    texts = np.append(encoded.dictionary.to_numpy(zero_copy_only=False), None)
    return texts[encoded.indices.fill_null(-1).to_numpy()]


def unreadable(kind: str) -> LedgerError:
    return LedgerError.of("book_unreadable", kind=kind)


def _check_zip(data: bytes) -> None:
    """Refuse archives that are not workbooks, or that inflate far beyond any real ledger."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise unreadable("xlsx") from exc
    if not any(i.filename == "xl/workbook.xml" for i in infos):
        raise LedgerError.of("book_not_xlsx")
    unzipped = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if unzipped > MAX_UNZIPPED_BYTES or unzipped / packed > MAX_ZIP_RATIO:
        raise LedgerError.of("book_inflates", mb=unzipped / 1e6)


def _sheet_areas(data: bytes, parts: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Sheet name -> its used area's last cell ("XFD1048576"), from each sheet's <dimension>."""
    areas = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        present = set(archive.namelist())
        for name, (path, _) in parts.items():
            if path in present:
                with archive.open(path) as member:
                    found = _DIMENSION.search(member.read(4096))
                if found:
                    areas[name] = found[1].decode() + found[2].decode()
    return areas


def _check_area(sheet: str, last_cell: str | None) -> None:
    """Refuse a sheet whose used area is huge: the reader would need it all in memory."""
    if last_cell is None:
        return
    letters = last_cell.rstrip("0123456789")
    columns = 0
    for letter in letters:
        columns = columns * 26 + ord(letter) - 64
    if columns * int(last_cell[len(letters):]) > MAX_CELLS:
        raise LedgerError.of("sheet_too_far", sheet=sheet, cell=last_cell)


def _xlsx_parts(data: bytes) -> dict[str, tuple[str, str]]:
    """Sheet name -> (its XML part, its state: "visible", "hidden" or "veryHidden"), from xl/workbook.xml and
    its relationships."""
    from defusedxml import ElementTree

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
            book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        except (KeyError, ElementTree.ParseError):
            return {}  # the reader itself will say the workbook is damaged
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    parts = {}
    for node in book.iter():
        if node.tag.endswith("}sheet"):
            rel = next((v for k, v in node.attrib.items() if k.endswith("}id")), None)
            target = targets.get(rel, "").lstrip("/")
            parts[node.get("name")] = (target if target.startswith("xl/") else f"xl/{target}",
                                       node.get("state", "visible"))
    return parts
