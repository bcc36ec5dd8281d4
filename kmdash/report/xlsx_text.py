"""User text into an xlsx, safely: always a text cell (a name such as "=1+1" never becomes a formula),
without the control characters Excel refuses; sheet titles Excel accepts; widths that fit Thai. (CSV text:
`escape.neutralise`.)"""

from __future__ import annotations

import re
import unicodedata

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

MAX_CELL = 32_767  # characters Excel keeps in a cell
MAX_TITLE = 31  # characters in a sheet title
_NOT_IN_TITLE = re.compile(r"[\[\]:*?/\\]")
_ZERO_WIDTH = {"Mn", "Me", "Cf"}  # Thai vowel and tone marks sit above or below their letter


def clean(value: object) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))[:MAX_CELL]


def put_text(ws, row: int, column: int, value: object):
    """Write `value` as a text cell (openpyxl would take a leading "=" as a formula)."""
    cell = ws.cell(row=row, column=column)
    cell.value = clean(value)
    cell.data_type = "s"
    return cell


def sheet_titles(names: list[str], reserved: tuple[str, ...] = (), fallback: str = "Sheet") -> list[str]:
    """A title per name: no []:*?/\\, no apostrophe at either end, at most 31 characters, unique (Excel
    compares titles case-insensitively) and none of `reserved`."""
    used = {r.casefold() for r in reserved} | {"history"}
    titles = []
    for name in names:
        base = _NOT_IN_TITLE.sub("_", clean(name)).strip().strip("'") or fallback
        title, n = base[:MAX_TITLE].rstrip("'"), 1
        while title.casefold() in used:
            n += 1
            suffix = f" ({n})"
            title = base[:MAX_TITLE - len(suffix)].rstrip("'") + suffix
        used.add(title.casefold())
        titles.append(title)
    return titles


def text_width(text: object) -> int:
    """Columns a text takes on screen: Thai marks above and below a letter take none, wide signs two."""
    return sum(0 if unicodedata.category(ch) in _ZERO_WIDTH else 2 if unicodedata.east_asian_width(ch) in "WF"
               else 1 for ch in str(text))
