"""Amounts as exports write them (numbers, or text such as "12,500.00", "(1,200.00)", "12,500.-") -> baht."""

from __future__ import annotations

import re

import numpy as np

from .cells import NONE, NUMBER, TEXT, cell_kinds, per_distinct

GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d*)?(?![\d,])")  # 1,234,567.89
# "23691.39" (a workbook's number cells) or "12,500.00": the commonest amounts, which Arrow reads
PLAIN = r"^-?(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.[0-9]+)?$"


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


def parse_money(values, kinds: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(amounts in baht rounded to the satang, mask of filled cells that are not numbers).

    Numbers pass; plain texts are read in Arrow, the others go through money_text (each distinct text once);
    blanks are zero. `kinds` are the cells' kinds where the caller has them already.
    """
    values = np.asarray(values, dtype=object)
    kinds = cell_kinds(values) if kinds is None else kinds
    is_text = kinds == TEXT
    is_number = kinds == NUMBER
    numbers = np.zeros(len(values))
    numbers[is_number] = values[is_number].astype(float)
    bad = ~is_text & ~is_number & (kinds != NONE)  # a date or TRUE in an amount column
    idx = np.flatnonzero(is_text)
    if len(idx):
        texts = values[idx]
        numbers[idx] = plain_numbers(texts)
        other = np.flatnonzero(np.isnan(numbers[idx]))
        parsed = per_distinct(money_text, texts[other])
        numbers[idx[other]] = np.array(parsed, dtype=float)  # None (not money) as NaN, zero below
        bad[idx[other]] = [p is None for p in parsed]
    return np.round(np.nan_to_num(numbers), 2), bad


def plain_numbers(texts: np.ndarray) -> np.ndarray:
    """Texts -> their plain and grouped numbers ("23691.39", "12,500.00") as floats, NaN for every other text:
    the commonest amounts, read in Arrow (a hundred thousand in milliseconds), the rest left to money_text."""
    import pyarrow as pa
    import pyarrow.compute as pc

    column = pa.array(texts, type=pa.string())
    matched = pc.if_else(pc.match_substring_regex(column, PLAIN), column, pa.scalar(None, pa.string()))
    numbers = pc.cast(pc.replace_substring(matched, ",", ""), pa.float64())
    return numbers.to_numpy(zero_copy_only=False)


def summed(parts) -> dict[str, float]:
    """Amounts per money field added up over several dicts, to the satang."""
    out: dict[str, float] = {}
    for part in parts:
        for name, value in part.items():
            out[name] = round(out.get(name, 0.0) + value, 2)
    return out
