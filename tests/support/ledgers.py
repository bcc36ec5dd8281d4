"""Generated ledgers as files and bytes: the project's paths, the generator's as-of date, and the writers the
tests lay a sheet (rows of cells) out with.

The shipped sample (`sample_data/`, written by `python -m kmdash.synthetic sample_data`) is the generator's
600 loans of seed 0; the session fixtures `sample_loans` and `sample_expected` in tests/conftest.py hold
them and their figures.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pandas as pd

from kmdash.read.headers import MONEY_FIELDS
from kmdash.synthetic import write_csv, write_ods, write_sheets, write_xlsx

from .xlsb import xlsb_bytes

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_data" / "ledger_th.xlsx"
SAMPLE_SIZE, SAMPLE_SEED = 600, 0  # the shipped sample: generate_loans(600, seed=0)
AS_OF = date(2024, 3, 31)  # the generator's default as-of date, "ณ วันที่ 31 มีนาคม 2567"
MONEY = MONEY_FIELDS
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"  # an upload's MIME type
ODS = "application/vnd.oasis.opendocument.spreadsheet"
XLSB = "application/vnd.ms-excel.sheet.binary.macroEnabled.12"
SHEET = "ลูกหนี้เงินกู้"  # the generator's sheet name


def write_rows(rows: list[list], path: Path, encoding: str = "cp874") -> Path:
    """Write a sheet (rows of cells) as xlsx, ods, xlsb or csv by the path's suffix, with the generator's
    writers (xlsb: tests/support/xlsb.py)."""
    path = Path(path)
    if path.suffix == ".xlsx":
        write_xlsx(rows, path)
    elif path.suffix in (".ods", ".xlsb"):
        path.write_bytes(book_bytes(path.suffix[1:], {SHEET: rows}))
    else:
        write_csv(rows, path, encoding)
    return path


def workbook_bytes(*rows: list) -> bytes:
    """An ordinary openpyxl workbook (real cell types, not the generator's writer) holding these rows."""
    from openpyxl import Workbook

    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def xls_bytes(rows: list[list], sheet: str = "ลูกหนี้เงินกู้") -> bytes:
    """An old-format (BIFF, Excel 97-2003) .xls workbook, as older co-op programs export; dates as real dates."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(sheet)
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value is not None:
                ws.write(i, j, value, date_style) if isinstance(value, date) else ws.write(i, j, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(rows: list[list]) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(rows, buffer)
    return buffer.getvalue()


def book_bytes(fmt: str, sheets: dict[str, list[list]], hidden: tuple[str, ...] = ()) -> bytes:
    """The same sheets (rows of cells), the `hidden` ones hidden, as an xlsx or ods (the generator's writers)
    or an xlsb (tests/support/xlsb.py)."""
    if fmt == "xlsb":
        return xlsb_bytes(sheets, hidden)
    buffer = io.BytesIO()
    (write_sheets if fmt == "xlsx" else write_ods)(sheets, buffer, hidden)
    return buffer.getvalue()


def shared(make: Callable[[], pd.DataFrame], name: str) -> Iterator[pd.DataFrame]:
    """A session fixture's frame: make()'s, yielded to every test that asks; once they are done, checked still
    equal to a fresh make() (a test that changes it must work on a copy)."""
    frame = make()
    yield frame
    pd.testing.assert_frame_equal(frame, make(), obj=f"{name} (changed in place by a test)")
