"""Cells of a sheet as arrays: the grid, text and non-text cells, pattern matches, numbers as text."""

from __future__ import annotations

import re

import numpy as np


def row_text(row: list[object]) -> str:
    return " ".join(str(c).strip() for c in row if c is not None and str(c).strip())


def to_grid(body: list[list[object]] | np.ndarray, min_width: int) -> np.ndarray:
    """Rows of unequal length (CSV) padded with None into one 2-D object array, at least min_width wide; a
    workbook's rows are one already."""
    if isinstance(body, np.ndarray):
        return body
    width = max(min_width, *map(len, body))
    padded = [r if len(r) == width else list(r) + [None] * (width - len(r)) for r in body]
    grid = np.empty((len(padded), width), dtype=object)
    grid[:] = padded
    return grid


def per_distinct(fn, values: np.ndarray) -> list:
    """fn of each value, worked out once per distinct value (a column repeats its dates, groups, "0.00")."""
    values = values.tolist()
    done = {v: fn(v) for v in set(values)}
    return [done[v] for v in values]


def text_cells(values: np.ndarray, kinds: np.ndarray, clean: bool = False) -> np.ndarray:
    """String cells stripped, a no-break space (U+00A0) as a space; blank strings and every other cell None.
    Each distinct text is cleaned once; cells a reader has cleaned already (`clean`: text or None) are taken
    as they are."""
    if clean:
        return values.copy()
    out = np.full(len(values), None, dtype=object)
    idx = np.flatnonzero(kinds == TEXT)
    out[idx] = per_distinct(lambda text: text.replace("\xa0", " ").strip() or None, values[idx])
    return out


NONE, TEXT, NUMBER, OTHER = range(4)  # what a cell holds: OTHER is a date, a time, TRUE/FALSE
_KIND = {type(None): NONE, str: TEXT, float: NUMBER, int: NUMBER}
_KIND_OF = np.frompyfunc(lambda value: _KIND.get(type(value), OTHER), 1, 1)


def cell_kinds(values: np.ndarray, text_only: bool = False) -> np.ndarray:
    """What each cell holds, as uint8 codes (comparing those is a hundred times cheaper than comparing types),
    by its exact type (True is not a number). Taken once for a whole grid; faster still where every cell is
    known to be text or None."""
    if text_only:
        return np.not_equal(values, None).view(np.uint8)  # TEXT where not None
    return _KIND_OF(values).astype(np.uint8)


def filled_cells(grid: np.ndarray, kinds: np.ndarray, clean: bool) -> np.ndarray:
    """Cells holding something: not None, nor an empty text (which a reader's cleaned text has no more)."""
    filled = kinds != NONE
    if not clean:
        text = kinds == TEXT
        filled[text] = grid[text] != ""
    return filled


def other_cells(values: np.ndarray, kinds: np.ndarray) -> np.ndarray:
    """Cells holding a value that is not text (numbers, dates), NaN excluded."""
    other = kinds >= NUMBER
    idx = np.flatnonzero(other)
    other[idx] = [v == v for v in values[idx]]
    return other


def matches(pattern: re.Pattern, texts: np.ndarray, where: np.ndarray) -> np.ndarray:
    """pattern.search on the texts at `where` (None and others False), once per distinct text."""
    out = np.zeros(len(texts), dtype=bool)
    idx = np.flatnonzero(where & (texts != None))  # noqa: E711
    out[idx] = per_distinct(lambda t: pattern.search(t) is not None, texts[idx])
    return out


def has_letter(texts: np.ndarray) -> np.ndarray:
    """Texts (str or None) holding a letter (RE2's \\pL, in Arrow: a hundred thousand in milliseconds). Every
    header name and total label has one, so texts without are passed over unread."""
    import pyarrow as pa
    import pyarrow.compute as pc

    found = pc.match_substring_regex(pa.array(texts, type=pa.string()), r"\pL")
    return found.fill_null(False).to_numpy(zero_copy_only=False)


def as_texts(raw: np.ndarray, text: np.ndarray, kinds: np.ndarray) -> np.ndarray:
    """Text cells as written, numbers as their digits (17.0 -> "17"), blanks None."""
    out = text.copy()
    idx = np.flatnonzero(other_cells(raw, kinds))
    out[idx] = [as_text(v) for v in raw[idx]]
    return out


def as_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def short(text: object) -> str:
    """A cell as a skipped row's detail: at most 40 characters, a date cell at midnight as its date alone."""
    s = "" if text is None or text != text else str(text).removesuffix(" 00:00:00")
    return s if len(s) <= 40 else s[:39] + "…"
