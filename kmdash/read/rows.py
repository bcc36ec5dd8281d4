"""What each body row is (a loan, blank, a subtotal, the grand total, a heading, …), in one vectorised pass."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .account import LABELLED
from .cells import TEXT, as_texts, has_letter, matches, short
from .fill import carry_member
from .headers import HeaderMap, lookup
from .labels import (
    BARE_TOTAL,
    CARRIED,
    GRAND_TOTAL,
    HEADING,
    NO_NUMBER,
    NOT_A_HEADING,
    SIGNATURE,
    first_match,
    label_columns,
    row_labels,
    total_texts,
)
from .money import parse_money


@dataclass
class Rows:
    """What each body row is: one boolean mask per kind, plus each row's member key and label."""

    member_key: np.ndarray
    label: np.ndarray
    blank: np.ndarray
    grand: np.ndarray
    subtotal: np.ndarray
    carried: np.ndarray  # page carry rows: ยอดยกมา / ยอดยกไป
    repeated: np.ndarray  # the header again after a page break
    heading: np.ndarray  # a group's name above its loans ("กลุ่มที่ 3 …")
    lone_heading: np.ndarray  # a lone text row where the sheet has no group column
    signature: np.ndarray
    after_total: np.ndarray
    text_only: np.ndarray  # no amount and no due date
    no_member: np.ndarray


def row_kinds(grid: np.ndarray, kinds: np.ndarray, filled: np.ndarray, texts: list[np.ndarray], cols: dict,
              headers: HeaderMap) -> Rows:
    blank = ~filled.any(axis=1)
    dated = filled[:, cols["due_date"]]
    has_money = filled[:, [cols[f] for f in headers.money_fields]].any(axis=1)
    repeated = repeated_header(grid, kinds, cols, ~blank)
    member_key = member_keys(grid, kinds, texts, cols)
    member_key[repeated] = None
    label = row_labels(texts, cols)

    total_text = total_texts(texts, cols, ~blank & ~repeated & ~dated)
    label = np.where(total_text != None, total_text, label)  # noqa: E711
    carried = matches(CARRIED, total_text, total_text != None)  # noqa: E711
    grand = matches(GRAND_TOTAL, total_text, ~carried)
    subtotal = (total_text != None) & ~grand & ~carried  # noqa: E711
    if not grand.any():
        grand = plain_total(grid, cols, headers, subtotal, label, member_key != None)  # noqa: E711
        subtotal &= ~grand

    text_only = ~blank & ~has_money & ~dated & ~repeated & ~carried
    signature = matches(SIGNATURE, label, text_only)
    heading_text = first_match(HEADING, texts, label_columns(cols), ~blank & ~dated & ~(subtotal | grand | carried))
    no_number = texts[cols["member_no"]] == None if "member_no" in cols else np.ones(len(grid), dtype=bool)  # noqa: E711
    named = (heading_text != None) & ~signature & (text_only | has_money & no_number)  # noqa: E711
    label = np.where(named, heading_text, label)
    lone = (filled.sum(axis=1) == 1) & text_only & ~(subtotal | grand | signature | named)
    lone &= ~matches(NOT_A_HEADING, label, lone) if "group" not in cols else np.zeros(len(grid), dtype=bool)
    after_total = after_last(grand) & ~blank
    member_key[named] = None
    no_member = member_key == None  # noqa: E711
    loan_like = filled[:, cols["contract"]] if "contract" in cols else dated
    continued = no_member & has_money & loan_like & ~(grand | subtotal | carried | after_total)
    if continued.any():
        through = repeated | carried
        no_member = carry_member(texts, cols, member_key, continued, subtotal | grand | named | lone, through)
    return Rows(member_key, label, blank, grand, subtotal, carried, repeated, named, lone, signature,
                 after_total, text_only, no_member)


def skip_reasons(rows: Rows) -> np.ndarray:
    """Per row, (code, field, detail) of why it is skipped, or None for loan rows; the first that applies."""
    reasons = np.full(len(rows.blank), None, dtype=object)
    for mask, code in (
        (rows.blank, "blank"),
        (rows.grand, "grand_total"),
        (rows.carried, "carry_row"),
        (rows.subtotal, "subtotal"),
        (rows.repeated, "repeated_header"),
        (rows.after_total, "below_grand_total"),
        (rows.heading | rows.lone_heading, "heading"),
        (rows.signature, "signature"),
        (rows.no_member, "no_member"),
        (rows.text_only, "no_amount"),
    ):
        labelled = code in LABELLED
        for i in np.flatnonzero(mask & (reasons == None)):  # noqa: E711
            reasons[i] = (code, "", short(rows.label[i]) if labelled else "")
    return reasons


def plain_total(grid: np.ndarray, cols: dict, headers: HeaderMap, subtotal: np.ndarray, label: np.ndarray,
                 members: np.ndarray) -> np.ndarray:
    """A grand total not labelled as one: the last subtotal, below every loan, that equals the sum of
    the others, or is the only one and says just "รวม"/"Total"."""
    total = np.zeros(len(subtotal), dtype=bool)
    rows = np.flatnonzero(subtotal)
    if not len(rows) or members[rows[-1] + 1:].any():
        return total
    main = next(f for f in ("outstanding", "principal_overdue") if f in headers.money_fields)
    values, _ = parse_money(grid[rows, cols[main]])
    if len(rows) == 1:
        total[rows[-1]] = bool(BARE_TOTAL.search(label[rows[-1]]))
    elif abs(values[-1] - values[:-1].sum()) < 0.005:
        total[rows[-1]] = True
    return total


def member_keys(grid: np.ndarray, kinds: np.ndarray, texts: list[np.ndarray], cols: dict) -> np.ndarray:
    """Member number as text ("00017" stays; 17.0 from Excel becomes "17"); the name where there is no number."""
    names = texts[cols["name"]] if "name" in cols else np.full(len(grid), None, dtype=object)
    if "member_no" not in cols:
        return names.copy()
    column = cols["member_no"]
    numbers = as_texts(grid[:, column], texts[column], kinds[:, column])
    numbers[np.isin(numbers, NO_NUMBER)] = None
    return np.where(numbers == None, names, numbers)  # noqa: E711


def repeated_header(grid: np.ndarray, kinds: np.ndarray, cols: dict, rows: np.ndarray) -> np.ndarray:
    """Rows that repeat the header text (page breaks in printed exports)."""
    out = np.zeros(len(rows), dtype=bool)
    for name in ("due_date", "outstanding", "principal_overdue"):
        if name in cols:
            idx = np.flatnonzero(rows & (kinds[:, cols[name]] == TEXT))
            texts = grid[idx, cols[name]]
            # a text without a letter ("12,500.00") names no field: only the others are looked up
            named = {t for t in set(texts[has_letter(texts)].tolist()) if lookup(t) == name}
            if named:
                out[idx] |= np.array([t in named for t in texts.tolist()], dtype=bool)
    return out


def after_last(mask: np.ndarray) -> np.ndarray:
    after = np.zeros(len(mask), dtype=bool)
    if mask.any():
        after[np.flatnonzero(mask)[-1] + 1:] = True
    return after
