"""Spreadsheets that are really markup: an HTML table saved as .xls (web-based accounting programs) and
Excel 2003 XML ("XML Spreadsheet"), as rows of cells."""

from __future__ import annotations

from datetime import datetime

_SS = "{urn:schemas-microsoft-com:office:spreadsheet}"


def html_rows(text: str) -> list[list[object]]:
    """Every table row of the page in order (title tables included), a merged cell's text in its first column."""
    import lxml.html

    page = lxml.html.fromstring(text)
    for br in page.iter("br"):  # a line break inside a cell ("สมาชิก<br>เลขทะเบียน") is a space
        br.tail = " " + (br.tail or "")
    rows = []
    for tr in page.iter("tr"):
        cells: list[object] = []
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            value = " ".join(cell.text_content().split())
            cells += [value or None] + [None] * (_span(cell.get("colspan")) - 1)
        rows.append(cells)
    return rows


def xml2003_sheets(data: bytes) -> dict[str, list[list[object]]]:
    """Sheet name -> rows of an Excel 2003 XML workbook; numbers and dates typed, sparse cells placed."""
    from defusedxml import ElementTree

    book = ElementTree.fromstring(data)
    return {sheet.get(f"{_SS}Name", f"Sheet{i}"): _xml_rows(sheet)
            for i, sheet in enumerate(book.iter(f"{_SS}Worksheet"), start=1)}


def _xml_rows(sheet) -> list[list[object]]:
    rows: list[list[object]] = []
    for row in sheet.iter(f"{_SS}Row"):
        if row.get(f"{_SS}Index"):
            rows += [[] for _ in range(int(row.get(f"{_SS}Index")) - 1 - len(rows))]
        cells: list[object] = []
        for cell in row.iter(f"{_SS}Cell"):
            if cell.get(f"{_SS}Index"):
                cells += [None] * (int(cell.get(f"{_SS}Index")) - 1 - len(cells))
            data = cell.find(f"{_SS}Data")
            cells += [_typed(data)] + [None] * int(cell.get(f"{_SS}MergeAcross", 0))
        rows.append(cells)
    return rows


def _typed(data) -> object:
    if data is None or data.text is None:
        return None
    kind = data.get(f"{_SS}Type")
    if kind == "Number":
        return float(data.text)
    if kind == "DateTime":
        return datetime.fromisoformat(data.text[:19])
    return data.text


def _span(value: str | None) -> int:
    return int(value) if value and value.isdigit() and 0 < int(value) < 1000 else 1
