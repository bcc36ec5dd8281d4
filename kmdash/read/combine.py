"""Ledgers of several sheets of one workbook (one sheet per loan type, each with its own title and total) as
one: the loans one after another with their sheet, the sheet's name as the loan type where it has none."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from .clean import Ledger
from .headers import FIELDS, MONEY_FIELDS, TEXT_FIELDS, HeaderMap
from .money import summed


def combine(parts: dict[str, Ledger]) -> Ledger:
    """One ledger of the sheets' ledgers (in the workbook's order); the first sheet gives the header row,
    the titles and the as-of date; headers not known in any sheet are listed once."""
    first = next(iter(parts.values()))
    loans = pd.concat([_tagged(name, ledger.loans) for name, ledger in parts.items()], ignore_index=True)
    totals = [ledger.grand_total for ledger in parts.values()]
    return Ledger(
        loans=_finish(loans),
        skipped=[replace(n, sheet=name) for name, ledger in parts.items() for n in ledger.skipped],
        rows_read=sum(ledger.rows_read for ledger in parts.values()),
        header_row=first.header_row, headers=_headers(list(parts.values())),
        grand_total=None if None in totals else summed(totals),
        title_as_of=first.title_as_of, titles=first.titles,
        notes=[replace(n, sheet=name) for name, ledger in parts.items() for n in ledger.notes],
        keyed_by_name=next((ledger.keyed_by_name for ledger in parts.values() if ledger.keyed_by_name), None))


def _tagged(sheet: str, loans: pd.DataFrame) -> pd.DataFrame:
    """The sheet's loans with their sheet, and the sheet's name as the loan type where a loan has none."""
    loan_type = loans["loan_type"].where(loans["loan_type"] != "", sheet) if "loan_type" in loans else sheet
    return loans.assign(loan_type=loan_type, sheet=sheet)


def _finish(loans: pd.DataFrame) -> pd.DataFrame:
    """A column one sheet lacks: empty text or zero baht there; columns in the reader's order, the sheet last."""
    text = {f: "" for f in TEXT_FIELDS if f in loans}
    money = {f: 0.0 for f in MONEY_FIELDS if f in loans}
    order = ["row"] + [f for f in FIELDS if f in loans] + ["sheet"]
    return loans.fillna(text | money)[order]


def _headers(ledgers: list[Ledger]) -> HeaderMap:
    first = ledgers[0].headers
    unmapped = list(dict.fromkeys(h for ledger in ledgers for h in ledger.headers.unmapped))
    ignored = list(dict.fromkeys(h for ledger in ledgers for h in ledger.headers.ignored))
    return HeaderMap(columns=dict(first.columns), unmapped=unmapped, ignored=ignored)

