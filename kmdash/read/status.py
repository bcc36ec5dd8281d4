"""A debt-status column (สถานะ, สถานะหนี้, สถานะสัญญา, Status) as a short set of codes.

Words as programs write them ("ผิดนัดชำระ", "ฟ้องแล้ว", "อยู่ระหว่างบังคับคดี") map to one code; the most
serious wins where a cell names two ("ผิดนัด ดำเนินคดีแล้ว" is legal). A blank or unknown status is `other`.
Codes map to themselves, so a column already normalised stays as it is.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..settings import CLASS_STATUSES

STATUS_CODES = ("normal", *CLASS_STATUSES, "other")  # the statuses a loan-quality class may take, declared there
LEGAL_CODES = frozenset({"legal", "judgment", "enforcement", "bankrupt"})  # under the law: no notice, no pool place

# The most serious first: a cell naming two gets the first that matches.
_WORDS = (
    ("bankrupt", r"ล้มละลาย|bankrupt"),
    ("enforcement", r"บังคับคดี|ยึดทรัพย์|enforce|execution"),
    ("judgment", r"พิพากษา|ศาลตัดสิน|judg(?:e)?ment"),
    ("legal", r"ดำเนินคดี|ฟ้อง|คดี|sued|legal|lawsuit|litigation"),
    ("restructured", r"ปรับโครงสร้าง|ประนอมหนี้|restructur"),
    ("default", r"ผิดนัด|ผิดสัญญา|ค้างชำระ|default|overdue|arrears"),
    ("normal", r"ปกติ|normal|current|regular"),
)
_PATTERNS = tuple((code, re.compile(words, re.IGNORECASE)) for code, words in _WORDS)


def status_code(text: object) -> str:
    """One cell's code; blanks and words not listed are `other`."""
    if not isinstance(text, str):
        return "other"
    return next((code for code, pattern in _PATTERNS if pattern.search(text)), "other")


def status_codes(values) -> np.ndarray:
    """Codes of a column, each distinct text looked at once."""
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=False)  # blanks too
    return np.array([status_code(u) for u in uniques], dtype=object)[codes]


def legal(loans: pd.DataFrame) -> pd.Series:
    """Per loan: under legal action (False everywhere when the ledger has no status column)."""
    if "status" not in loans:
        return pd.Series(False, index=loans.index)
    return pd.Series(np.isin(status_codes(loans["status"]), list(LEGAL_CODES)), index=loans.index)
