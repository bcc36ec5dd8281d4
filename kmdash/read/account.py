"""The account of rows: why a row was skipped, or which cell of a used row was left blank, as data.

A note is a stable code, the column it concerns and the row's own text (`detail`); the sentences come
from the i18n catalogue at the edge, and privacy drops `detail` (it may hold a name).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

# Codes whose detail is the row's label ("รวม กลุ่มที่ 3"); bad_amount and bad_date carry the cell.
LABELLED = ("carry_row", "subtotal", "below_grand_total", "heading", "signature", "no_member", "no_amount")
SKIP_CODES = ("blank", "grand_total", "repeated_header", *LABELLED, "bad_amount", "bad_date")
NOTE_CODES = ("bad_date",)  # a used row's unreadable loan date, left blank


@dataclass(frozen=True)
class RowNote:
    row: int  # the spreadsheet's own row number
    code: str
    field: str = ""  # the column concerned (bad_amount, bad_date)
    detail: str = ""  # the row's label or the unreadable cell, shortened
    sheet: str = ""  # the sheet, where several were read together

    def without_detail(self) -> RowNote:
        return replace(self, detail="")
