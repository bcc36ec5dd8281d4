"""Excel's binary workbook (.xlsb, MS-XLSB "BIFF12"), written from rows of cells: no Python library writes one.

The parts Excel needs for a plain workbook: a zip of [Content_Types].xml, _rels/.rels, xl/workbook.bin (the
sheets, BrtBundleSh, with their state), xl/_rels/workbook.bin.rels, xl/styles.bin (a date style) and one
xl/worksheets/sheetN.bin per sheet (BrtWsDim, then per row BrtRowHdr and its cells: BrtCellReal for numbers
and dates, BrtCellBool, BrtCellSt for text written in the cell). Each record: its type and size in 7-bit groups
(the high bit says another byte follows), then its body.
"""

from __future__ import annotations

import io
import struct
import zipfile
from datetime import date, datetime, time

# record types, MS-XLSB 2.3.2
ROW_HDR, CELL_BOOL, CELL_REAL, CELL_ST = 0x0000, 0x0004, 0x0005, 0x0006
XF, FMT = 0x002F, 0x002C
BEGIN_SHEET, END_SHEET, BEGIN_BOOK, END_BOOK = 0x0081, 0x0082, 0x0083, 0x0084
BEGIN_BUNDLE_SHS, END_BUNDLE_SHS, BEGIN_SHEET_DATA, END_SHEET_DATA = 0x008F, 0x0090, 0x0091, 0x0092
WS_DIM, WB_PROP, BUNDLE_SH = 0x0094, 0x0099, 0x009C
BEGIN_STYLE_SHEET, END_STYLE_SHEET = 0x0116, 0x0117
BEGIN_FMTS, END_FMTS, BEGIN_CELL_XFS, END_CELL_XFS = 0x0267, 0x0268, 0x0269, 0x026A

DATE_FORMAT = 164  # the first custom number format id: dd/mm/yyyy, as the generator's xlsx shows dates
DATE_STYLE = 1  # the cell style (BrtXF) that shows it; style 0 is General
EXCEL_EPOCH = datetime(1899, 12, 30)  # serial 1 = 1900-01-01 (Excel's leap-year quirk folded in)
STATES = {"visible": 0, "hidden": 1, "veryHidden": 2}

_MAIN = "application/vnd.ms-excel.sheet.binary.macroEnabled.main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def record(kind: int, body: bytes = b"") -> bytes:
    """One record: type (one byte below 128, else two) and size (7 bits a byte), then the body."""
    head = bytes([kind]) if kind < 0x80 else bytes([(kind & 0x7F) | 0x80, kind >> 7])
    size, rest = bytearray(), len(body)
    while True:
        size.append((rest & 0x7F) | (0x80 if rest > 0x7F else 0))
        rest >>= 7
        if not rest:
            break
    return head + bytes(size) + body


def wide(text: str) -> bytes:
    """XLWideString: the count of UTF-16 code units, then the text in UTF-16LE."""
    data = text.encode("utf-16-le")
    return struct.pack("<I", len(data) // 2) + data


def xlsb_bytes(sheets: dict[str, list[list]], hidden: tuple[str, ...] = (), very_hidden: tuple[str, ...] = ()) -> bytes:
    """A workbook of these sheets (rows of str, int, float, date or None), in order; `hidden` ones hidden, the
    `very_hidden` ones hidden where Excel's menu cannot show them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _content_types(len(sheets)))
        archive.writestr("_rels/.rels", _rels([("rId1", "officeDocument", "xl/workbook.bin")]))
        archive.writestr("xl/_rels/workbook.bin.rels", _rels(
            [(f"rId{i}", "worksheet", f"worksheets/sheet{i}.bin") for i in range(1, len(sheets) + 1)]
            + [(f"rId{len(sheets) + 1}", "styles", "styles.bin")]))
        archive.writestr("xl/workbook.bin", _workbook(sheets, {**dict.fromkeys(hidden, "hidden"),
                                                             **dict.fromkeys(very_hidden, "veryHidden")}))
        archive.writestr("xl/styles.bin", _styles())
        for i, rows in enumerate(sheets.values(), start=1):
            archive.writestr(f"xl/worksheets/sheet{i}.bin", _sheet(rows))
    return buffer.getvalue()


def _workbook(sheets: dict[str, list[list]], states: dict[str, str]) -> bytes:
    bundles = b"".join(
        record(BUNDLE_SH, struct.pack("<II", STATES[states.get(name, "visible")], i)
               + wide(f"rId{i}") + wide(name))
        for i, name in enumerate(sheets, start=1))
    return (record(BEGIN_BOOK) + record(WB_PROP, struct.pack("<II", 0, 0) + wide(""))
            + record(BEGIN_BUNDLE_SHS) + bundles + record(END_BUNDLE_SHS) + record(END_BOOK))


def _styles() -> bytes:
    """General (style 0) and dd/mm/yyyy (style 1): BrtXF holds its number format's id at bytes 2-3."""
    def xf(number_format: int) -> bytes:
        return record(XF, struct.pack("<HHHHHBBHBB", 0xFFFF, number_format, 0, 0, 0, 0, 0, 0, 0, 0))

    return (record(BEGIN_STYLE_SHEET)
            + record(BEGIN_FMTS, struct.pack("<I", 1)) + record(FMT, struct.pack("<H", DATE_FORMAT) + wide("dd/mm/yyyy"))
            + record(END_FMTS)
            + record(BEGIN_CELL_XFS, struct.pack("<I", 2)) + xf(0) + xf(DATE_FORMAT) + record(END_CELL_XFS)
            + record(END_STYLE_SHEET))


def _sheet(rows: list[list]) -> bytes:
    width = max((len(r) for r in rows), default=1)
    parts = [record(BEGIN_SHEET),
             record(WS_DIM, struct.pack("<IIII", 0, max(len(rows) - 1, 0), 0, max(width - 1, 0))),
             record(BEGIN_SHEET_DATA)]
    for r, row in enumerate(rows):
        cells = [_cell(c, value) for c, value in enumerate(row) if value is not None]
        if cells:
            parts.append(record(ROW_HDR, struct.pack("<IIHBHI", r, 0, 300, 0, 0, 0)))
            parts += cells
    parts += [record(END_SHEET_DATA), record(END_SHEET)]
    return b"".join(parts)


def _cell(column: int, value) -> bytes:
    """BrtCellReal (a number; a date as its serial day, the time of day its fraction, in the date style),
    BrtCellBool or BrtCellSt (text in the cell)."""
    if isinstance(value, date):
        moment = value if isinstance(value, datetime) else datetime.combine(value, time())
        serial = (moment - EXCEL_EPOCH).total_seconds() / 86400
        return record(CELL_REAL, struct.pack("<IId", column, DATE_STYLE, serial))
    if isinstance(value, bool):
        return record(CELL_BOOL, struct.pack("<IIB", column, 0, value))
    if isinstance(value, (int, float)):
        return record(CELL_REAL, struct.pack("<IId", column, 0, value))
    return record(CELL_ST, struct.pack("<II", column, 0) + wide(str(value)))


def _content_types(sheets: int) -> str:
    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.bin" '
                        f'ContentType="application/vnd.ms-excel.worksheet"/>' for i in range(1, sheets + 1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.bin" ContentType="{_MAIN}"/>{overrides}'
            '<Override PartName="/xl/styles.bin" ContentType="application/vnd.ms-excel.styles"/></Types>')


def _rels(targets: list[tuple[str, str, str]]) -> str:
    found = "".join(f'<Relationship Id="{i}" Type="{_REL}/{kind}" Target="{target}"/>' for i, kind, target in targets)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{found}</Relationships>')
