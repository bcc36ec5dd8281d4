"""Raw sheet -> loans table: header row, field mapping, dates, amounts; every other row skipped with a reason.

Rows below the header are classified in one vectorised pass (`rows`): loan rows are used; blank rows,
group headings, subtotals, the grand total, repeated headers, signature lines and rows whose amount or
date cannot be read are listed in `skipped` with their spreadsheet row number.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import partial

import numpy as np
import pandas as pd

from ..errors import LedgerError
from ..i18n import t
from .account import RowNote
from .cells import as_texts, cell_kinds, filled_cells, row_text, short, text_cells, to_grid
from .dates import parse_date_column
from .groups import group_column
from .headers import (
    DATE_FIELDS,
    FIELDS,
    MONEY_FIELDS,
    TEXT_FIELDS,
    HeaderMap,
    find_header,
    map_headers,
)
from .load import RawSheet
from .money import parse_money
from .names import NameKeys, name_keys
from .rows import Rows, row_kinds, skip_reasons
from .status import status_codes
from .titles import as_of_from_titles, coop_name, title_lines


@dataclass
class Ledger:
    """The loans a sheet holds, and the account of every other row."""

    loans: pd.DataFrame  # FIELDS present + "row" (spreadsheet row number)
    skipped: list[RowNote]  # every body row not used as a loan, and why
    rows_read: int
    header_row: int
    headers: HeaderMap
    grand_total: dict[str, float] | None  # the file's own total per money field, where it has one
    title_as_of: date | None
    titles: list[str] = field(default_factory=list)
    notes: list[RowNote] = field(default_factory=list)  # used rows with a cell left blank
    keyed_by_name: NameKeys | None = None  # where no member-number column was recognised

    @property
    def coop(self) -> str | None:
        """The co-op's name from the title rows, where they give one."""
        return coop_name(self.titles)

    @property
    def has_overdue_column(self) -> bool:
        return "principal_overdue" in self.headers.columns


def clean_sheet(raw: RawSheet, user_map: dict[str, str] | None = None) -> Ledger:
    """Find the header, map it, and turn the rows below into the loans table.

    Once the header is found the sheet's rows are handed over (`raw.rows` is emptied): they are most of
    the memory a big sheet takes, and are let go while the loans table is built.
    """
    header_index, header_cells = find_header(raw.rows, user_map)
    if header_index < 0:
        raise _no_header(raw)
    headers = map_headers(header_cells, user_map)
    _require_fields(headers)
    titles = title_lines(raw.rows[:header_index])
    body, raw.rows = raw.rows[header_index + 1:], []
    if not len(body):
        raise _no_loans(header_index + 1, [])
    rows_read = len(body)
    loans, skipped, notes, total, by_name = _classify(_take_grid(body, headers), headers, header_index + 2,
                                                          raw.text_only, raw.clean)
    if loans.empty:
        raise _no_loans(header_index + 1, skipped)
    return Ledger(loans=loans, skipped=skipped, rows_read=rows_read, header_row=header_index + 1,
                  headers=headers, grand_total=total, titles=titles, notes=notes,
                  title_as_of=as_of_from_titles(titles), keyed_by_name=by_name)


def _take_grid(body: list[list[object]] | np.ndarray, headers: HeaderMap) -> np.ndarray:
    """The body rows as one grid, as wide as the header (rows may stop short of its last, empty, columns); row
    lists are emptied (the grid holds their cells)."""
    grid = to_grid(body, 1 + max((*headers.columns.values(), *headers.unknown)))
    if isinstance(body, list):
        body.clear()
    return grid


def _no_loans(header_row: int, skipped: list[RowNote]) -> LedgerError:
    """Every row under the header was skipped: say so, with the commonest reason."""
    kinds = Counter((s.code, s.field) for s in skipped).most_common(1)

    def common(lang: str) -> str:
        if not kinds:
            return ""
        (code, column), n = kinds[0]
        return f" ({n}×: {t(f'skip_{code}', lang)}{f' {column}' if column else ''})"

    return LedgerError.of("no_loans", row=header_row, n=len(skipped), common=common)


def _no_header(raw: RawSheet) -> LedgerError:
    if not any(row_text(r) for r in raw.rows):
        return LedgerError.of("sheet_empty")
    return LedgerError.of("no_header")


def _require_fields(headers: HeaderMap) -> None:
    unknown = ", ".join(headers.unmapped) or "-"
    for needed, fields in (("outstanding", ("outstanding", "principal_overdue")), ("due_date", ("due_date",)),
                           ("member_no", ("member_no", "name"))):
        if not set(fields) & headers.columns.keys():
            raise LedgerError.of("no_column", headers.unmapped, what=partial(t, f"no_column_{needed}"),
                                 unknown=unknown, needed=needed)


def _classify(grid: np.ndarray, headers: HeaderMap, first_row: int, text_only: bool, clean: bool):
    """The loans table, skipped rows, notes, the file's own total and what keying by name says; the grid
    (taken, not shared) is let go before the table is built."""
    cols = headers.columns
    money = {cols[f] for f in MONEY_FIELDS if f in cols}
    kinds = cell_kinds(grid, text_only)
    texts = [np.full(len(grid), None, dtype=object) if j in money else text_cells(grid[:, j], kinds[:, j], clean)
             for j in range(grid.shape[1])]
    rows = row_kinds(grid, kinds, filled_cells(grid, kinds, clean), texts, cols, headers)
    reasons = skip_reasons(rows)
    blanked = np.full(len(grid), None, dtype=object)  # (code, field, detail) of a cell left blank
    loans = _loan_columns(grid, kinds, texts, cols, headers, rows, reasons, blanked)
    total = _grand_total(grid, cols, headers, rows.grand)
    used = reasons == None  # noqa: E711
    by_name = name_keys(grid, kinds, texts, headers, loans["member_no"], used)
    del grid, kinds, texts  # the cells not in a loans column are freed here
    loans["row"] = np.arange(first_row, first_row + len(reasons))
    skipped = _row_notes(loans["row"], reasons, ~used)
    notes = _row_notes(loans["row"], blanked, used & (blanked != None))  # noqa: E711
    frame = pd.DataFrame({k: v[used] for k, v in loans.items()})
    return _finish(frame), skipped, notes, total, by_name


def _row_notes(row_numbers: np.ndarray, reasons: np.ndarray, where: np.ndarray) -> list[RowNote]:
    return [RowNote(int(r), *reason) for r, reason in zip(row_numbers[where], reasons[where])]


def _loan_columns(grid: np.ndarray, kinds: np.ndarray, texts: list[np.ndarray], cols: dict, headers: HeaderMap,
                  rows: Rows, reasons: np.ndarray, blanked: np.ndarray) -> dict[str, np.ndarray]:
    """Every field as a column of all body rows. Unreadable amounts and due dates skip the row; an
    unreadable loan date (used in no figure) is left blank with a note."""
    loans = {"member_no": rows.member_key}
    for name in headers.money_fields:
        loans[name] = _money_field(grid[:, cols[name]], kinds[:, cols[name]], name, reasons)
    for name in DATE_FIELDS:
        if name in cols:
            loans[name] = _date_field(grid[:, cols[name]], name, reasons if name == "due_date" else blanked)
    for name in TEXT_FIELDS:
        if name in cols and name not in ("member_no", "group"):
            j = cols[name]
            loans[name] = _text_field(grid[:, j], texts[j], kinds[:, j])
    if "status" in loans:
        loans["status"] = status_codes(loans["status"])
    j = cols.get("group")
    group = as_texts(grid[:, j], texts[j], kinds[:, j]) if j is not None else None
    loans["group"] = group_column(group, rows, reasons == None)  # noqa: E711
    return loans


def _money_field(raw: np.ndarray, kinds: np.ndarray, name: str, reasons: np.ndarray) -> np.ndarray:
    values, bad = parse_money(raw, kinds)
    _mark_bad(reasons, bad, raw, "bad_amount", name)
    return values


def _date_field(raw: np.ndarray, name: str, reasons: np.ndarray) -> np.ndarray:
    """Dates of one column; an unreadable one is marked in `reasons` (the due date's skip reasons, or the
    loan date's cells left blank)."""
    values, bad = parse_date_column(pd.Series(raw, dtype=object))
    _mark_bad(reasons, bad.to_numpy(), raw, "bad_date", name)
    return values.to_numpy()


def _mark_bad(reasons: np.ndarray, bad: np.ndarray, raw: np.ndarray, code: str, name: str) -> None:
    for i in np.flatnonzero(bad & (reasons == None)):  # noqa: E711
        reasons[i] = (code, name, short(raw[i]))


def _text_field(raw: np.ndarray, text: np.ndarray, kinds: np.ndarray) -> np.ndarray:
    """Text as written, blanks empty; numbers (a contract no. typed as a number) as their digits."""
    texts = as_texts(raw, text, kinds)
    return np.where(texts == None, "", texts)  # noqa: E711


def _grand_total(grid: np.ndarray, cols: dict, headers: HeaderMap, grand: np.ndarray) -> dict[str, float] | None:
    """The file's own total per money column, from the last grand-total row (blank cells left out)."""
    if not grand.any():
        return None
    row = grid[np.flatnonzero(grand)[-1]]
    total = {}
    for name in headers.money_fields:
        cell = row[cols[name]] if name in cols else None
        if cell is None or (type(cell) is str and not cell.strip()) or cell != cell:
            continue
        values, bad = parse_money([cell])
        if not bad[0]:
            total[name] = float(values[0])
    return total


def _finish(frame: pd.DataFrame) -> pd.DataFrame:
    """Fixed dtypes and column order: text as str, money as float baht, dates as datetime64."""
    order = ["row"] + [f for f in FIELDS if f in frame]
    out = frame[order]
    text = [f for f in TEXT_FIELDS if f in out]
    return out.astype({f: "str" for f in text} | {"row": "int64"})
