"""Dates as co-op exports write them: Buddhist or Common Era, text or real Excel dates, Thai months."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from ..words import BE_OFFSET, THAI_MONTHS, THAI_MONTHS_SHORT

EXCEL_EPOCH = date(1899, 12, 30)
EN_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
             "october", "november", "december")

_MONTH_WORDS: dict[str, int] = {}
for _n, (_full, _short, _en) in enumerate(zip(THAI_MONTHS, THAI_MONTHS_SHORT, EN_MONTHS), start=1):
    _MONTH_WORDS.update({_full: _n, _short.replace(".", ""): _n, _en: _n, _en[:3]: _n})
_MONTH_WORDS["sept"] = 9

_NUMERIC = re.compile(r"^(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{2,4})$")
_ISO = re.compile(r"^(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")  # yyyymmdd, BE or CE
SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")  # an Excel serial number as text (a time of day after the point)
CELL_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2}) \d{2}:\d{2}:\d{2}$")  # a workbook's date cell, as its text
_DAY_ZERO = re.compile(r"^1899-12-3[01] \d{2}:\d{2}:\d{2}$")  # Excel's day 0: a bare time, or a zero as a date
_WORD = re.compile(r"(\d{1,2})[\s\-/]*([^\d\s,\-/]+)[\s\-/]*,?\s*(?:พ\s*\.?\s*ศ\s*\.?|ค\s*\.?\s*ศ\s*\.?)?\s*(\d{2,4})")
_WORD_US = re.compile(r"([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})")
_MONTH_YEAR = re.compile(r"([^\d\s,]+)\s*(?:พ\s*\.?\s*ศ\s*\.?|ค\s*\.?\s*ศ\s*\.?)?\s*(\d{4})")
_NUMERIC_TOKEN = re.compile(r"\d{1,4}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{1,4}")
_TIME = re.compile(r"[ t]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(?:am|pm|z|น\.?)?$")
_PLACEHOLDERS = {"-", "–", "—", "0", "00/00/0000", "00/01/1900", "0/1/1900", "00/00/00"}


def to_ce_year(year: int, two_digit_be: bool | None = None) -> int:
    """A year as written -> Common Era: BE (> 2400) less 543. Two digits: BE 25yy or CE 20yy as the
    column shows (two_digit_be); undecided, BE from 40 up and CE below."""
    if year > 2400:
        return year - BE_OFFSET
    if year < 100:
        be = year >= 40 if two_digit_be is None else two_digit_be
        return 2500 + year - BE_OFFSET if be else 2000 + year
    return year


def _make(year: int, month: int, day: int, two_digit_be: bool | None = None) -> date | None:
    try:
        result = date(to_ce_year(year, two_digit_be), month, day)
    except ValueError:
        return None
    return result if 1900 <= result.year <= 2200 else None


def parse_date_text(text: str, two_digit_be: bool | None = None, month_first: bool = False) -> date | None:
    """One date written as text, or None when it is not a date. Day first unless the column is
    month first (US); a first number over 12 is always the day."""
    if CELL_DATE.match(text):  # the commonest by far: "2024-03-31 00:00:00"
        return _make(int(text[:4]), int(text[5:7]), int(text[8:10]))
    s = _TIME.sub("", text.strip().lower()).strip()
    if m := _NUMERIC.match(s):
        first, second = int(m[1]), int(m[2])
        day, month = (second, first) if (month_first and second <= 31) or second > 12 else (first, second)
        return _make(int(m[3]), month, day, two_digit_be)
    if m := (_ISO.match(s) or _COMPACT.match(s)):
        return _make(int(m[1]), int(m[2]), int(m[3]))
    if SERIAL.match(s):
        return serial_date(float(s))
    return find_date_in_text(s)


def serial_date(number: float) -> date | None:
    """An Excel serial day number as a date (1 = 1900-01-01 in Excel's counting)."""
    return EXCEL_EPOCH + timedelta(days=int(number)) if 1 <= number < 120000 else None


def find_date_in_text(text: str) -> date | None:
    """The first date with a month written as a word ("31 มีนาคม 2567", "31 มี.ค. 67", "31 March 2024")."""
    found = _word_dates(text.lower())
    return found[0][1] if found else None


def _word_dates(s: str) -> list[tuple[int, date]]:
    found = []
    for m in _WORD.finditer(s):
        month = _MONTH_WORDS.get(m[2].replace(".", "").strip())
        if month and (d := _make(int(m[3]), month, int(m[1]))):
            found.append((m.start(), d))
    for m in _WORD_US.finditer(s):
        month = _MONTH_WORDS.get(m[1])
        if month and (d := _make(int(m[3]), month, int(m[2]))):
            found.append((m.start(), d))
    return found


def dates_in_text(text: str) -> list[date]:
    """Every date in a line of text (titles), in the order written; a month and year alone
    ("ประจำเดือน มีนาคม 2567") stands for the month's last day when the line has no full date."""
    s = text.lower()
    found = _word_dates(s)
    found += [(m.start(), d) for m in _NUMERIC_TOKEN.finditer(s) if (d := parse_date_text(m[0]))]
    if not found:
        for m in _MONTH_YEAR.finditer(s):
            month = _MONTH_WORDS.get(m[1].replace(".", "").strip())
            if month and (first := _make(int(m[2]), month, 1)):
                found.append((m.start(), _month_end(first)))
    return [d for _, d in sorted(found, key=lambda pair: pair[0])]


def _month_end(first: date) -> date:
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return following - timedelta(days=1)


def cell_to_date(value: object, two_digit_be: bool | None = None, month_first: bool = False) -> date | None:
    """One cell -> a date: real dates (BE years corrected), Excel serial numbers, or text."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return _make(value.year, value.month, value.day)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value == value:  # not NaN
        return serial_date(value)
    if isinstance(value, str):
        return parse_date_text(value, two_digit_be, month_first)
    return None


def is_blank(value: object) -> bool:
    """No date: empty, a dash, a zero, a zero date or a bare time (a zero formatted as a date)."""
    if value is None or isinstance(value, time):
        return True
    if isinstance(value, float):
        return value != value or value == 0  # NaN or zero
    if isinstance(value, int) and not isinstance(value, bool):
        return value == 0
    return isinstance(value, str) and (not value.strip() or value.strip() in _PLACEHOLDERS
                                       or bool(_DAY_ZERO.match(value)))


def column_style(values) -> tuple[bool | None, bool]:
    """How a column writes its text dates: (two-digit years are BE, by the majority of them, or None
    when it has none; month first, when some second number is over 12 and no first one is)."""
    texts = [_TIME.sub("", v.strip().lower()).strip() for v in values
             if isinstance(v, str) and not CELL_DATE.match(v)]  # a workbook's date cells say nothing of style
    parts = [(int(m[1]), int(m[2]), m[3]) for v in texts if (m := _NUMERIC.match(v))]
    short = [int(y) for _, _, y in parts if len(y) == 2]
    be = sum(y >= 40 for y in short) >= len(short) / 2 if short else None  # a tie is Thai: BE
    month_first = any(b > 12 for _, b, _ in parts) and not any(a > 12 for a, _, _ in parts)
    return be, month_first


def parse_date_column(values):
    """(datetime64 dates, mask of cells that are filled but not a date) of a pandas Series. Parses each distinct
    value once."""
    import numpy as np  # here, not above: the command line reads a file while they load
    import pandas as pd

    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
    be, month_first = column_style(uniques)
    blank = [is_blank(v) for v in uniques]
    parsed = [None if b else cell_to_date(v, be, month_first) for v, b in zip(uniques, blank)]
    bad_unique = np.array([p is None and not b for p, b in zip(parsed, blank)], dtype=bool)
    as_dt = pd.to_datetime(pd.Series(parsed, dtype=object), errors="coerce").to_numpy()
    taken = np.where(codes >= 0, codes, 0)
    missing = np.datetime64("NaT", "ns")
    dates = np.where(codes >= 0, as_dt[taken] if len(as_dt) else missing, missing)
    bad = (codes >= 0) & (bad_unique[taken] if len(bad_unique) else False)
    return (pd.Series(dates, index=values.index, dtype="datetime64[ns]"),
            pd.Series(bad, index=values.index))
