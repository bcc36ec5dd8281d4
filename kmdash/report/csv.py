"""CSV that Excel opens safely: UTF-8 with a BOM (Thai shows), and no cell read as a formula."""

from __future__ import annotations

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_csv(frame: pd.DataFrame) -> bytes:
    """Text cells that Excel would run as a formula ("=HYPERLINK(...)", "@SUM", "-2+3") get a leading
    apostrophe; numbers are left as they are."""
    guarded = frame.copy()
    for column in guarded.columns:
        if guarded[column].dtype == object or pd.api.types.is_string_dtype(guarded[column]):
            guarded[column] = guarded[column].map(_guard)
    guarded.columns = [_guard(str(c)) for c in guarded.columns]
    return guarded.to_csv(index=False).encode("utf-8-sig")


def _guard(value):
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value
