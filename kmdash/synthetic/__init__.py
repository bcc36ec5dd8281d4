"""Realistic synthetic co-op loan ledgers: for the shipped sample, tests and benchmarks.

`generate_loans` makes one row per loan contract; `ledger_rows` lays them out the way co-op
accounting programs export them; `write_xlsx` / `write_ods` / `write_csv` / `write_ledger` write files.
"""

from .files import html_table, write_csv, write_ledger, write_ods, write_sheets, write_xlsx
from .layout import (
           COLUMNS,
           DATE_FORMATS,
           HEADERS,
           LedgerShape,
           as_of_title,
           ledger_rows,
)
from .loans import (
           LOAN_TYPES,
           STATUS_WORDS,
           expected_totals,
           generate_loans,
           satang,
           with_status,
)

__all__ = ["COLUMNS", "html_table", "DATE_FORMATS", "HEADERS", "LOAN_TYPES", "LedgerShape", "as_of_title", "expected_totals",
           "generate_loans", "ledger_rows", "STATUS_WORDS", "with_status", "satang", "write_csv", "write_ledger", "write_ods", "write_sheets",
           "write_xlsx"]
