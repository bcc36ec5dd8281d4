"""The title rows above the header: their text, and the report's as-of date."""

from __future__ import annotations

import re
from datetime import date, datetime

from .cells import row_text
from .dates import CELL_DATE, SERIAL, dates_in_text, serial_date

AS_OF_MARK = re.compile(r"ณ\s*วันที่|ณ\s+(?=\d)|as\s+(?:of|at)|สิ้นสุด|ending", re.IGNORECASE)
PRINTED = re.compile(r"พิมพ์|print", re.IGNORECASE)
BROUGHT_FORWARD = re.compile(r"^\s*ยอดยกมา|brought\s*forward", re.IGNORECASE)
COOP = re.compile(r"สหกรณ์|กลุ่มเกษตรกร|co-?operative", re.IGNORECASE)


def title_lines(rows: list[list[object]]) -> list[str]:
    """The title rows as text, without the cells that give the print date or time; a real date cell
    (or an Excel serial number) beside "ณ วันที่" as its ISO date."""
    lines = [row_text([title_cell(c) for c in row if not (isinstance(c, str) and PRINTED.search(c))])
             for row in rows]
    return [line for line in lines if line]


def title_cell(cell: object) -> object:
    """A date cell as its ISO date; a number (a workbook's cells come as text) that is a recent serial day too."""
    if isinstance(cell, str) and (found := CELL_DATE.match(cell)):
        return found[1]
    number = _number(cell)
    if number is not None and 20000 <= number < 80000:
        return serial_date(number).isoformat()
    return cell.date().isoformat() if isinstance(cell, datetime) else cell


def _number(cell: object) -> float | None:
    if isinstance(cell, str):
        return float(cell) if SERIAL.match(cell) else None
    return float(cell) if isinstance(cell, (int, float)) and not isinstance(cell, bool) else None


def as_of_from_titles(titles: list[str]) -> date | None:
    """The report date: the latest "ณ วันที่ …"/"as at …" date (an opening balance's date is earlier);
    without one, the latest date in the titles (a period's end)."""
    marked = [dates_in_text(line[m.end():])[:1] for line in titles
              if (m := AS_OF_MARK.search(line)) and not BROUGHT_FORWARD.search(line)]
    candidates = [d for found in marked for d in found] or [d for line in titles for d in dates_in_text(line)]
    return max(candidates, default=None)


def coop_name(titles: list[str]) -> str | None:
    """The co-op's own name: the first title line naming a สหกรณ์ or กลุ่มเกษตรกร (not a report's or a
    date's line)."""
    return next((line for line in titles if COOP.search(line) and not AS_OF_MARK.search(line)), None)
