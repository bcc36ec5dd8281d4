"""Laid-out ledgers written as files: xlsx (openpyxl, write-only), ods (odfpy, as LibreOffice Calc saves) and CSV
(cp874 by default)."""

from __future__ import annotations

import codecs
import csv
import html
from datetime import date
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from .layout import DATE_FORMATS, LedgerShape, ledger_rows


SHEET_NAME = "ลูกหนี้เงินกู้"


def write_xlsx(rows: list[list], path, sheet_name: str = SHEET_NAME) -> None:
    """Write-only openpyxl; date cells get a dd/mm/yyyy number format."""
    write_sheets({sheet_name: rows}, path)


def write_sheets(sheets: dict[str, list[list]], path, hidden: tuple[str, ...] = ()) -> None:
    """One workbook, a sheet per entry in order; the sheets named in `hidden` hidden."""
    wb = Workbook(write_only=True)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        ws.sheet_state = "hidden" if name in hidden else "visible"
        for row in rows:
            ws.append([_xlsx_date(ws, v) if isinstance(v, date) else v for v in row])
    wb.save(path)


def _xlsx_date(ws, value: date) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.number_format = "dd/mm/yyyy"
    return cell


def write_ods(sheets: dict[str, list[list]], path, hidden: tuple[str, ...] = ()) -> None:
    """An OpenDocument spreadsheet (LibreOffice Calc's own format), laid out as write_sheets lays an xlsx:
    numbers as float cells, True/False as boolean ones, dates as date cells shown dd/mm/yyyy, the rest as text;
    `hidden` sheets hidden."""
    from odf.number import DateStyle, Day, Month, Text, Year
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableProperties
    from odf.table import Table

    doc = OpenDocumentSpreadsheet()
    shown = DateStyle(name="dmy")
    for part in (Day(style="long"), Text(text="/"), Month(style="long"), Text(text="/"), Year(style="long")):
        shown.addElement(part)
    date_cell = Style(name="date", family="table-cell", datastylename="dmy")
    hidden_table = Style(name="hidden", family="table")
    hidden_table.addElement(TableProperties(display=False))
    for element in (shown, date_cell, hidden_table):
        doc.automaticstyles.addElement(element)
    for name, rows in sheets.items():
        sheet = Table(name=name, stylename=hidden_table if name in hidden else None)
        for row in rows:
            sheet.addElement(_ods_row(row, date_cell))
        doc.spreadsheet.addElement(sheet)
    doc.write(path)


def _ods_row(row: list, date_cell):
    from odf.table import TableCell, TableRow
    from odf.text import P

    line = TableRow()
    for value in row:
        if value is None:
            cell = TableCell()
        elif isinstance(value, date):
            cell = TableCell(valuetype="date", datevalue=value.isoformat(), stylename=date_cell)
            cell.addElement(P(text=value.strftime("%d/%m/%Y")))
        elif isinstance(value, bool):
            cell = TableCell(valuetype="boolean", booleanvalue=str(value).lower())
            cell.addElement(P(text=str(value).upper()))
        elif isinstance(value, (int, float)):
            cell = TableCell(valuetype="float", value=value)
            cell.addElement(P(text=str(value)))
        else:
            cell = TableCell(valuetype="string")
            for part in str(value).split("\n"):  # a line break in a cell: a paragraph per line, as Calc writes it
                cell.addElement(P(text=part))
        line.addElement(cell)
    return line


def write_csv(rows: list[list], path, encoding: str = "cp874") -> None:
    """Comma-separated; tab-separated for utf-16 (Excel "Unicode text"). Dates as be_text."""
    delimiter = "\t" if codecs.lookup(encoding).name.startswith("utf-16") else ","
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(
            [_csv_cell(v) for v in row] for row in rows)


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, date):
        return DATE_FORMATS["be_text"](value)
    return str(value)


def html_table(rows: list[list], encoding: str = "utf-8") -> bytes:
    """A sheet as web-based accounting programs save it as ".xls": an HTML table, a line break in a cell
    as <br>, dates as be_text."""
    def cell(value) -> str:
        text = "" if value is None else html.escape(_csv_cell(value))
        return f"<td>{text.replace(chr(10), '<br>')}</td>"

    body = "".join(f"<tr>{''.join(cell(v) for v in row)}</tr>\n" for row in rows)
    page = f'<html><head><meta charset="{encoding}"></head><body><table border="1">\n{body}</table></body></html>'
    return page.encode(encoding)


def write_ledger(loans: pd.DataFrame, path, shape: LedgerShape = LedgerShape(),
                 as_of: date = date(2024, 3, 31), encoding: str = "cp874") -> None:
    """Lay out and write by path suffix: .xlsx, .ods or .csv."""
    suffix = Path(path).suffix.lower()
    if suffix not in (".xlsx", ".ods", ".csv"):
        raise ValueError(f"unsupported ledger file type: {suffix!r}")
    rows = ledger_rows(loans, shape, as_of)
    if suffix == ".xlsx":
        write_xlsx(rows, path)
    elif suffix == ".ods":
        write_ods({SHEET_NAME: rows}, path)
    else:
        write_csv(rows, path, encoding)
