"""Text cells made safe for spreadsheets (OWASP's CSV injection guidance): a text that starts with `=`, `+`,
`-`, `@`, tab, CR or LF gets a leading `'`, so Excel shows it as text and never runs it as a formula.

Numbers are not text: an export writes them as numbers (a negative amount stays `-12.50`). Dropping the one
leading `'` of a neutralised text gives the original back.
"""

from __future__ import annotations

import pandas as pd

DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "\n")
QUOTE = "'"


def neutralise(text: str) -> str:
    return QUOTE + text if text.startswith(DANGEROUS) else text


def neutralise_column(texts: pd.Series) -> pd.Series:
    """neutralise() on every text of a column at once."""
    texts = texts.fillna("").astype(str)
    return texts.where(~texts.str.startswith(DANGEROUS), QUOTE + texts)


def safe_csv(frame: pd.DataFrame) -> bytes:
    """A frame as CSV that Thai Excel opens (UTF-8 with a BOM) with no text cell run as a formula; numbers
    are left as they are."""
    guarded = frame.copy()
    for column in guarded.columns:
        if guarded[column].dtype == object or pd.api.types.is_string_dtype(guarded[column]):
            guarded[column] = neutralise_column(guarded[column])
    guarded.columns = [neutralise(str(c)) for c in guarded.columns]
    return guarded.to_csv(index=False).encode("utf-8-sig")
