"""Amounts as exports write them (numbers, or text such as "12,500.00", "(1,200.00)", "12,500.-") -> baht."""

from __future__ import annotations

import re

import numpy as np

GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d*)?(?![\d,])")  # 1,234,567.89


MONEY_JUNK = re.compile(r"[,\s฿]|บาท|บ\.$")


def money_text(text: str) -> float | None:
    """"12,500.00", "฿1,200", "12,500.-" (whole baht), "(1,200.00)" or "1,200.00-" (negative), "-" (zero)
    -> baht; None if not money, also for commas that do not group thousands ("50000,50", "1.234,5")."""
    if "," in text and not GROUPED.search(text):
        return None
    s = MONEY_JUNK.sub("", text)
    if s in ("", "-", "–"):
        return 0.0
    s = s[:-2] if s.endswith(".-") else s
    negative = (s.startswith("(") and s.endswith(")")) or (s.endswith("-") and len(s) > 1)
    s = s.strip("()").rstrip("-") if negative else s
    try:
        value = float(s)
    except ValueError:
        return None
    return -value if negative else value


def parse_money(values) -> tuple[np.ndarray, np.ndarray]:
    """(amounts in baht rounded to the satang, mask of filled cells that are not numbers).

    Numbers pass; text goes through money_text (each distinct text once); blanks are zero.
    """
    values = np.asarray(values, dtype=object)
    is_text = np.array([type(v) is str for v in values], dtype=bool)
    is_number = np.array([type(v) in (float, int) for v in values], dtype=bool)
    numbers = np.zeros(len(values))
    numbers[is_number] = values[is_number].astype(float)
    bad = ~is_text & ~is_number & (values != None)  # noqa: E711  (a date or TRUE in an amount column)
    idx = np.flatnonzero(is_text)
    if len(idx):
        uniques, inverse = np.unique(values[idx].astype(str), return_inverse=True)
        parsed = np.array([money_text(u) for u in uniques], dtype=object)
        bad[idx] = parsed[inverse] == None  # noqa: E711
        numbers[idx] = np.where(bad[idx], 0.0, parsed[inverse]).astype(float)
    return np.round(np.nan_to_num(numbers), 2), bad
