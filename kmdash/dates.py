"""Dates as co-op exports write them: Buddhist or Common Era, text or real Excel dates, Thai months."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

BE_OFFSET = 543
EXCEL_EPOCH = date(1899, 12, 30)

THAI_MONTHS = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
               "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
THAI_MONTHS_SHORT = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.",
                     "พ.ย.", "ธ.ค.")
EN_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
             "october", "november", "december")

_MONTH_WORDS: dict[str, int] = {}
for _n, (_full, _short, _en) in enumerate(zip(THAI_MONTHS, THAI_MONTHS_SHORT, EN_MONTHS), start=1):
    _MONTH_WORDS.update({_full: _n, _short.replace(".", ""): _n, _en: _n, _en[:3]: _n})
_MONTH_WORDS["sept"] = 9

_NUMERIC = re.compile(r"^(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{2,4})$")
_ISO = re.compile(r"^(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})$")
_WORD = re.compile(r"(\d{1,2})\s*([^\d\s,]+)\s*,?\s*(?:พ\s*\.?\s*ศ\s*\.?|ค\s*\.?\s*ศ\s*\.?)?\s*(\d{2,4})")
_WORD_US = re.compile(r"([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})")
_TIME = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")


def to_ce_year(year: int) -> int:
    """A year as written -> Common Era: BE (> 2400) less 543; two digits read as BE 25yy from 40 up."""
    if year > 2400:
        return year - BE_OFFSET
    if year < 100:
        return 2500 + year - BE_OFFSET if year >= 40 else 2000 + year
    return year


def _make(year: int, month: int, day: int) -> date | None:
    year = to_ce_year(year)
    if month > 12 and day <= 12:  # month-first export
        month, day = day, month
    try:
        result = date(year, month, day)
    except ValueError:
        return None
    return result if 1900 <= result.year <= 2200 else None


def parse_date_text(text: str) -> date | None:
    """One date written as text, or None when it is not a date."""
    s = _TIME.sub("", text.strip().lower()).strip()
    if m := _NUMERIC.match(s):
        return _make(int(m[3]), int(m[2]), int(m[1]))
    if m := _ISO.match(s):
        return _make(int(m[1]), int(m[2]), int(m[3]))
    return find_date_in_text(s)


def find_date_in_text(text: str) -> date | None:
    """The first date with a month written as a word ("31 มีนาคม 2567", "31 มี.ค. 67", "31 March 2024")."""
    s = text.lower()
    for m in _WORD.finditer(s):
        month = _MONTH_WORDS.get(m[2].replace(".", "").strip())
        if month:
            return _make(int(m[3]), month, int(m[1]))
    for m in _WORD_US.finditer(s):
        month = _MONTH_WORDS.get(m[1])
        if month:
            return _make(int(m[3]), month, int(m[2]))
    return None


def find_any_date(text: str) -> date | None:
    """A date anywhere in a line of text (titles): word months first, then numeric forms."""
    found = find_date_in_text(text)
    if found:
        return found
    for token in re.findall(r"\d{1,4}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{1,4}", text):
        found = parse_date_text(token)
        if found:
            return found
    return None


def cell_to_date(value: object) -> date | None:
    """One cell -> a date: real dates (BE years corrected), Excel serial numbers, or text."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return _make(value.year, value.month, value.day) if value.year > 2400 else value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and not np.isnan(value):
        return EXCEL_EPOCH + timedelta(days=int(value)) if 1 <= value < 120000 else None
    if isinstance(value, str):
        return parse_date_text(value)
    return None


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value)) or (
        isinstance(value, str) and not value.strip())


def parse_date_column(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(datetime64 dates, mask of cells that are filled but not a date). Parses each distinct value once."""
    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
    parsed = [cell_to_date(v) for v in uniques]
    bad_unique = np.array([p is None and not is_blank(v) for p, v in zip(parsed, uniques)], dtype=bool)
    as_dt = pd.to_datetime(pd.Series(parsed, dtype=object), errors="coerce").to_numpy()
    taken = np.where(codes >= 0, codes, 0)
    dates = np.where(codes >= 0, as_dt[taken] if len(as_dt) else np.datetime64("NaT"), np.datetime64("NaT"))
    bad = (codes >= 0) & (bad_unique[taken] if len(bad_unique) else False)
    return (pd.Series(dates, index=values.index, dtype="datetime64[ns]"),
            pd.Series(bad, index=values.index))
