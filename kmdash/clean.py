"""Raw sheet -> loans table: header row, field mapping, dates, amounts; every other row skipped with a reason.

Rows below the header are classified in one vectorised pass: loan rows are used; blank rows, group
headings, subtotals, the grand total, repeated headers, signature lines and rows whose amount or
date cannot be read are listed in `skipped` with their spreadsheet row number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from .dates import find_any_date, parse_date_column
from .errors import LedgerError
from .headers import DATE_FIELDS, FIELDS, MONEY_FIELDS, HeaderMap, find_header, lookup, map_headers
from .load import RawSheet

NO_GROUP = "(ไม่ระบุกลุ่ม)"

_GRAND_TOTAL = re.compile(r"^(?:ยอด)?รวม\s*ทั้ง\s*(?:สิ้น|หมด|สหกรณ์)|^(?:grand\s*)?total\s*$|^grand\s*total",
                          re.IGNORECASE)
_SUBTOTAL = re.compile(r"^(?:ยอด)?รวม|^(?:sub\s*-?\s*)?total\b|^group\s*total|\btotal\s*$|^ยอดยก",
                       re.IGNORECASE)
_SIGNATURE = re.compile(r"ลงชื่อ|ลงนาม|ผู้จัดทำ|ผู้ตรวจสอบ|ผู้รับรอง|signed|signature|prepared by|"
                        r"checked by|approved by|^\(.*\)$|^[._\-\s]{3,}$", re.IGNORECASE)
_HEADING = re.compile(r"^(?:กลุ่ม|group\b)", re.IGNORECASE)
_MONEY_JUNK = re.compile(r"[,\s฿]|บาท")
_PAREN_NEGATIVE = re.compile(r"^\(.*\)$")


@dataclass
class Ledger:
    """The loans a sheet holds, and the account of every other row."""

    loans: pd.DataFrame  # FIELDS present + "row" (spreadsheet row number)
    skipped: list[dict]  # {"row": n, "reason": text}
    rows_read: int
    header_row: int
    headers: HeaderMap
    grand_total: dict[str, float] | None  # the file's own total per money field, where it has one
    title_as_of: date | None
    titles: list[str] = field(default_factory=list)

    @property
    def has_overdue_column(self) -> bool:
        return "principal_overdue" in self.headers.columns


def clean_sheet(raw: RawSheet, user_map: dict[str, str] | None = None) -> Ledger:
    """Find the header, map it, and turn the rows below into the loans table."""
    header_index, header_cells = find_header(raw.rows, user_map)
    if header_index < 0:
        raise _no_header(raw)
    headers = map_headers(header_cells, user_map)
    _require_fields(headers)
    titles = [_row_text(r) for r in raw.rows[:header_index] if _row_text(r)]
    body = raw.rows[header_index + 1:]
    first_row = header_index + 2
    frame = pd.DataFrame(body, dtype=object) if body else pd.DataFrame(dtype=object)
    loans, skipped, total = _classify(frame, headers, first_row)
    return Ledger(loans=loans, skipped=skipped, rows_read=len(body), header_row=header_index + 1,
                  headers=headers, grand_total=total, titles=titles,
                  title_as_of=_as_of_from_titles(titles))


def _no_header(raw: RawSheet) -> LedgerError:
    if not any(_row_text(r) for r in raw.rows):
        return LedgerError("แผ่นงานว่างเปล่า ไม่มีข้อมูล เลือกแผ่นงานที่มีทะเบียนเงินกู้",
                           "the sheet is empty; choose the sheet that holds the loan ledger")
    return LedgerError(
        "ไม่พบแถวหัวตาราง (เช่น เลขทะเบียนสมาชิก, เงินต้นคงเหลือ) ตรวจว่าเป็นทะเบียนลูกหนี้เงินกู้ "
        "หรือกำหนดหัวคอลัมน์เอง (--map \"หัวคอลัมน์=ฟิลด์\")",
        "no header row found (e.g. Member No, Principal Balance); check this is a loan ledger "
        "or map the headers yourself (--map \"HEADER=field\")")


def _require_fields(headers: HeaderMap) -> None:
    unknown = ", ".join(headers.unmapped) or "-"
    if not {"outstanding", "principal_overdue"} & headers.columns.keys():
        raise LedgerError(
            f"ไม่พบคอลัมน์จำนวนเงิน (เงินต้นคงเหลือ หรือ เงินต้นค้างชำระ) หัวที่ไม่รู้จัก: {unknown} "
            "กำหนดเองด้วย --map \"หัวคอลัมน์=outstanding\"",
            f"no amount column (principal outstanding or principal overdue) found; unknown headers: "
            f"{unknown}; map one with --map \"HEADER=outstanding\"")
    if "due_date" not in headers.columns:
        raise LedgerError(
            f"ไม่พบคอลัมน์วันครบกำหนดชำระ หัวที่ไม่รู้จัก: {unknown} กำหนดเองด้วย --map \"หัวคอลัมน์=due_date\"",
            f"no due-date column found; unknown headers: {unknown}; map one with --map \"HEADER=due_date\"")
    if not {"member_no", "name"} & headers.columns.keys():
        raise LedgerError(
            f"ไม่พบคอลัมน์เลขทะเบียนสมาชิกหรือชื่อสมาชิก หัวที่ไม่รู้จัก: {unknown} "
            "กำหนดเองด้วย --map \"หัวคอลัมน์=member_no\"",
            f"no member number or name column found; unknown headers: {unknown}; "
            "map one with --map \"HEADER=member_no\"")


def _row_text(row: list[object]) -> str:
    return " ".join(str(c).strip() for c in row if c is not None and str(c).strip())


def _as_of_from_titles(titles: list[str]) -> date | None:
    marked = [t for t in titles if re.search(r"ณ\s*วันที่|as\s+(of|at)|วันที่|date", t, re.IGNORECASE)]
    for line in marked + titles:
        found = find_any_date(line)
        if found:
            return found
    return None


# --- classification of body rows -------------------------------------------------------------

def _text(col: pd.Series) -> pd.Series:
    """String cells stripped; every other cell NaN."""
    is_str = np.fromiter((type(v) is str for v in col), dtype=bool, count=len(col))
    out = pd.Series(np.nan, index=col.index, dtype=object)
    if is_str.any():
        out[is_str] = col[is_str].str.strip()
    return out.where(out.ne(""), np.nan)


def _column(frame: pd.DataFrame, headers: HeaderMap, name: str) -> pd.Series | None:
    index = headers.columns.get(name)
    return frame[index] if index is not None and index in frame.columns else None


def _classify(frame: pd.DataFrame, headers: HeaderMap, first_row: int):
    n = len(frame)
    row_no = pd.Series(np.arange(first_row, first_row + n), index=frame.index)
    if n == 0:
        return _empty_loans(), [], None
    texts = {c: _text(frame[c]) for c in frame.columns}
    filled = pd.DataFrame({c: texts[c].notna() | _non_text_value(frame[c]) for c in frame.columns})
    blank = ~filled.any(axis=1)

    member = texts.get(headers.columns.get("member_no", headers.columns.get("name")))
    member_key = _member_key(frame, headers)
    label = _label(frame, texts, headers)
    money_cols = [headers.columns[f] for f in headers.money_fields if headers.columns[f] in frame.columns]
    has_money = filled[money_cols].any(axis=1) if money_cols else pd.Series(False, index=frame.index)

    id_is_label = member_key.isna() | (member is not None and member.fillna("").str.match(_SUBTOTAL))
    grand = label.str.contains(_GRAND_TOTAL, na=False) & id_is_label & ~blank
    subtotal = label.str.contains(_SUBTOTAL, na=False) & id_is_label & ~grand & ~blank
    repeated = _repeated_header(texts, headers)
    heading = member_key.isna() & ~has_money & label.str.contains(_HEADING, na=False) & ~subtotal & ~grand
    after_total = _after_last(grand) & ~blank
    signature = label.str.contains(_SIGNATURE, na=False) & member_key.isna() & ~blank

    reasons = pd.Series(pd.NA, index=frame.index, dtype=object)
    for mask, reason in (
        (blank, "blank row / แถวว่าง"),
        (grand, "grand total / แถวรวมทั้งสิ้น"),
        (subtotal, "subtotal / แถวยอดรวมกลุ่ม: {label}"),
        (repeated, "repeated header / หัวตารางซ้ำ"),
        (heading, "group heading / หัวข้อกลุ่ม: {label}"),
        (signature, "signature or footer / ท้ายรายงาน: {label}"),
        (after_total, "below the grand total / อยู่ใต้แถวรวมทั้งสิ้น: {label}"),
        (member_key.isna(), "no member number or name / ไม่มีเลขสมาชิกหรือชื่อ: {label}"),
    ):
        _mark(reasons, mask, reason, label)

    loans = pd.DataFrame({"row": row_no})
    for name in FIELDS:
        col = _column(frame, headers, name)
        if col is not None:
            loans[name] = col
    loans["member_no"] = member_key
    _parse_money(loans, headers, reasons)
    _parse_dates(loans, reasons)
    _fill_groups(loans, frame, headers, label, heading, subtotal, reasons)

    used = reasons.isna()
    skipped = [{"row": int(r), "reason": str(t)} for r, t in zip(row_no[~used], reasons[~used])]
    total = _grand_total(frame, headers, grand)
    return _finish(loans[used]), skipped, total


def _non_text_value(col: pd.Series) -> pd.Series:
    return pd.Series([v is not None and not isinstance(v, str) and v == v for v in col], index=col.index)


def _member_key(frame: pd.DataFrame, headers: HeaderMap) -> pd.Series:
    """Member number as text ("00017" stays; 17.0 from Excel becomes "17"); the name where no number."""
    col = _column(frame, headers, "member_no")
    if col is None:
        return _text(_column(frame, headers, "name"))
    numbers = col.map(lambda v: str(int(v)) if isinstance(v, float) and v == v and v.is_integer() else v)
    return _text(numbers.map(lambda v: v if v is None or isinstance(v, str) else str(v)))


def _label(frame: pd.DataFrame, texts: dict, headers: HeaderMap) -> pd.Series:
    """The first text of a row, read from identity columns first: where a subtotal puts "รวม ..."."""
    order = [headers.columns[f] for f in ("member_no", "name", "group", "contract") if f in headers.columns]
    order += [c for c in frame.columns if c not in order]
    label = pd.Series(np.nan, index=frame.index, dtype=object)
    for c in order:
        label = label.fillna(texts[c])
    return label


def _repeated_header(texts: dict, headers: HeaderMap) -> pd.Series:
    """Rows that repeat the header text (page breaks in printed exports)."""
    any_col = next(iter(texts.values()))
    result = pd.Series(False, index=any_col.index)
    for name in ("due_date", "outstanding", "principal_overdue"):
        index = headers.columns.get(name)
        if index is not None and index in texts:
            result |= texts[index].map(lambda v: isinstance(v, str) and lookup(v) == name)
    return result


def _after_last(mask: pd.Series) -> pd.Series:
    if not mask.any():
        return pd.Series(False, index=mask.index)
    last = np.flatnonzero(mask.to_numpy())[-1]
    after = np.zeros(len(mask), dtype=bool)
    after[last + 1:] = True
    return pd.Series(after, index=mask.index)


def _mark(reasons: pd.Series, mask: pd.Series, reason: str, label: pd.Series) -> None:
    todo = mask & reasons.isna()
    if not todo.any():
        return
    if "{label}" in reason:
        reasons[todo] = [reason.format(label=_short(t)) for t in label[todo]]
    else:
        reasons[todo] = reason


def _short(text: object) -> str:
    s = "" if text is None or text != text else str(text)
    return s if len(s) <= 40 else s[:39] + "…"


def parse_money(col: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(amounts in baht rounded to the satang, mask of filled cells that are not numbers).

    Numbers pass; text loses thousands separators, "฿" and "บาท"; "(1,200.00)" is negative;
    "-" and blanks are zero.
    """
    text = _text(col)
    is_text = text.notna()
    cleaned = text[is_text].str.replace(_MONEY_JUNK, "", regex=True)
    negative = cleaned.str.match(_PAREN_NEGATIVE)
    cleaned = cleaned.str.replace(r"^\((.*)\)$", r"\1", regex=True).replace({"-": "0", "": "0"})
    parsed_text = pd.to_numeric(cleaned, errors="coerce")
    parsed_text[negative] = -parsed_text[negative]
    numbers = pd.to_numeric(col.where(~is_text & _non_text_value(col)), errors="coerce")
    values = numbers.astype(float)
    values[is_text] = parsed_text.astype(float)
    bad = is_text & values.isna()
    return values.fillna(0.0).round(2), bad


def _parse_money(loans: pd.DataFrame, headers: HeaderMap, reasons: pd.Series) -> None:
    for name in headers.money_fields:
        raw = loans[name]
        values, bad = parse_money(raw)
        _mark_bad(reasons, bad, raw, f"amount is not a number / จำนวนเงินอ่านไม่ได้: {name}")
        loans[name] = values


def _mark_bad(reasons: pd.Series, bad: pd.Series, raw: pd.Series, reason: str) -> None:
    todo = bad & reasons.isna()
    if todo.any():
        reasons[todo] = [f"{reason}='{_short(v)}'" for v in raw[todo]]


def _parse_dates(loans: pd.DataFrame, reasons: pd.Series) -> None:
    for name in DATE_FIELDS:
        if name in loans:
            raw = loans[name]
            values, bad = parse_date_column(raw)
            _mark_bad(reasons, bad, raw, f"date cannot be read / อ่านวันที่ไม่ได้: {name}")
            loans[name] = values


def _fill_groups(loans, frame, headers, label, heading, subtotal, reasons) -> None:
    """Group from the column; where it is missing, from group headings above or subtotals below."""
    group = _text(loans["group"]) if "group" in loans else pd.Series(np.nan, index=loans.index, dtype=object)
    if group.isna().any():
        from_heading = label.where(heading).ffill()
        from_subtotal = label.where(subtotal).str.replace(r"^(ยอด)?รวม\s*|^(sub\s*-?\s*)?total\s*", "",
                                                          regex=True, case=False).bfill()
        group = group.fillna(from_heading).fillna(from_subtotal)
    loans["group"] = group.fillna(NO_GROUP).astype(str).str.strip()


def _grand_total(frame: pd.DataFrame, headers: HeaderMap, grand: pd.Series) -> dict[str, float] | None:
    if not grand.any():
        return None
    last = frame.loc[grand].iloc[[-1]]
    total = {}
    for name in headers.money_fields:
        cell = last[headers.columns[name]] if headers.columns[name] in last else None
        if cell is None or not (_text(cell).notna() | _non_text_value(cell)).iloc[0]:
            continue
        values, bad = parse_money(cell)
        if not bad.iloc[0]:
            total[name] = float(values.iloc[0])
    return total


def _finish(loans: pd.DataFrame) -> pd.DataFrame:
    """Fixed dtypes: text fields as strings, money as float baht, dates as datetime64."""
    out = loans.reset_index(drop=True)
    for name in FIELDS:
        if name in MONEY_FIELDS or name in DATE_FIELDS or name not in out:
            continue
        out[name] = _text(out[name].map(_as_text_value)).fillna("").astype(str)
    return out


def _as_text_value(value: object) -> object:
    if isinstance(value, float) and value == value and value.is_integer():
        return str(int(value))
    return value if value is None or isinstance(value, str) else str(value)


def _empty_loans() -> pd.DataFrame:
    return pd.DataFrame({"row": pd.Series(dtype=int), "member_no": pd.Series(dtype=str)})
