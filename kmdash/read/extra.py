"""A second small sheet for a grading criterion: member number + one value (attendance at the general
meeting, business done through the co-op …), in any format the ledger reader takes; the activities each member
attended (`read_activities`) are one such sheet."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import LedgerError
from .cells import as_text
from .headers import IGNORE, lookup, normalise
from .load import load_sheet
from .money import parse_money

SCAN = 20  # rows searched for the header
NOT_VALUES = ("member_no", "name", "group", IGNORE)
ACTIVITY_WORDS = ("กิจกรรม", "activit")  # the activities column's header holds one of these (lower case)


@dataclass
class ExtraSheet:
    values: pd.DataFrame  # member_no (text), value (float); a member's rows added up
    header: str  # the value column's header: the criterion's name unless the user gives one


def read_activities(source: bytes | str | Path) -> ExtraSheet:
    """Member numbers and the activities each attended (a whole number from 0; the column headed with
    "กิจกรรม" or "activities", else the first value column); a bad row is an error naming it."""
    return read_extra(source, words="grading_activities", prefer=ACTIVITY_WORDS, counts=True)


def read_extra(source: bytes | str | Path, column: str | None = None, words: str = "grading_extra",
               prefer: tuple[str, ...] = (), counts: bool = False) -> ExtraSheet:
    """The member numbers and the values of `column` (default: the first column whose header holds a word of
    `prefer`, else the first that is not a member number, name, group or running number). `words`: the
    prefix of the messages' catalogue keys; `counts`: each value must be a whole number from 0."""
    rows = load_sheet(source, 0).rows
    at = next((i for i, r in enumerate(rows[:SCAN]) if any(lookup(c) == "member_no" for c in r if c is not None)),
              None)
    if at is None:
        raise LedgerError.of(f"{words}_no_member")
    header = [("" if c is None else str(c).strip()) for c in rows[at]]
    member = next(i for i, h in enumerate(header) if lookup(h) == "member_no")
    value = _value_column(header, column, prefer, words)
    body = [list(r) + [None] * (len(header) - len(r)) for r in rows[at + 1:]]
    members = np.array([r[member] for r in body], dtype=object)
    keep = np.array([m is not None and as_text(m).strip() != "" for m in members], dtype=bool)
    amounts, bad = parse_money(np.array([r[value] for r in body], dtype=object)[keep])
    if counts:
        bad = bad | (amounts < 0) | (amounts % 1 > 0)  # a blank is none attended
    if bad.any():
        row = at + 2 + int(np.flatnonzero(keep)[np.argmax(bad)])
        raise LedgerError.of(f"{words}_not_number", row=row, header=header[value])
    frame = pd.DataFrame({"member_no": [as_text(m).strip() for m in members[keep]], "value": amounts})
    return ExtraSheet(frame.groupby("member_no", sort=False, as_index=False)["value"].sum(), header[value])


def _value_column(header: list[str], column: str | None, prefer: tuple[str, ...], words: str) -> int:
    if column is not None:
        found = [i for i, h in enumerate(header) if normalise(h) == normalise(column)]
    else:
        values = [i for i, h in enumerate(header) if h and lookup(h) not in NOT_VALUES]
        found = [i for i in values if any(w in header[i].lower() for w in prefer)] + values
    if not found:
        raise LedgerError.of(f"{words}_no_value", named=f" '{column}'" if column else "")
    return found[0]
