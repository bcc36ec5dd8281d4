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
