"""Raw sheet -> loans table: header row, field mapping, dates, amounts; every other row skipped with a reason.

Rows below the header are classified in one vectorised pass: loan rows are used; blank rows, group
headings, subtotals, the grand total, repeated headers, signature lines and rows whose amount or
date cannot be read are listed in `skipped` with their spreadsheet row number.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np
import pandas as pd

from .dates import dates_in_text, parse_date_column, serial_date
from .errors import LedgerError
from .headers import DATE_FIELDS, FIELDS, MONEY_FIELDS, TEXT_FIELDS, HeaderMap, find_header, lookup, map_headers
from .load import RawSheet

NO_GROUP = "(ไม่ระบุกลุ่ม)"
_NO_NUMBER = ["-", "–", "—", "--"]  # written for members without a number: the name is the key
_BARRIER = object()  # stops carrying a member down past a subtotal or heading

_GRAND_TOTAL = re.compile(r"^(?:ยอด)?รวม\s*(?:ทั้ง\s*(?:สิ้น|หมด|สหกรณ์)|ทุก\s*กลุ่ม)|^ทั้งสิ้น|^(?:grand\s*)?total\s*$|"
                          r"^grand\s*total|^total\s*all", re.IGNORECASE)
_SUBTOTAL = re.compile(r"^(?:ยอด)?รวม|^ทั้งสิ้น|\sรวม\s*$|^(?:sub\s*-?\s*)?total\b|^group\s*total|"
                       r"\b(?:sub)?total[\s:.\-]*$|^ยอดยก", re.IGNORECASE)
# "รวม" in the member column of a row that has a due date: only as a word ("รวมพล" is a name).
_DATED_TOTAL = re.compile(r"^(?:ยอด)?รวม(?:\s|ทั้ง|ทุก|กลุ่ม|$)|^(?:sub\s*-?\s*)?total\b", re.IGNORECASE)
_CARRIED = re.compile(r"^ยอดยก|^รวมยก|carried\s*forward|brought\s*forward", re.IGNORECASE)
_SIGNATURE = re.compile(r"ลงชื่อ|ลงนาม|ผู้จัดทำ|ผู้ตรวจสอบ|ผู้รับรอง|ผู้จัดการ|ประธาน|เหรัญญิก|ตำแหน่ง|"
                        r"เจ้าหน้าที่|signed|signature|prepared by|manager|"
                        r"checked by|approved by|^\(.*\)$|^[._\-\s]{3,}$", re.IGNORECASE)
_BARE_TOTAL = re.compile(r"^(?:ยอด)?รวม[\s:.\-]*$|^total[\s:.\-]*$", re.IGNORECASE)
_HEADING = re.compile(r"^(?:กลุ่ม|หมู่|หน่วย|บ้าน|ศูนย์|โซน|สาขา|group\b|village\b|zone\b)", re.IGNORECASE)
# Lone text rows that are page furniture, not a group name.
_NOT_A_HEADING = re.compile(r"^หน้า|^page\b|ณ\s*วันที่|สหกรณ์|รายงาน|ทะเบียน|report|as\s+(?:of|at)|หมายเหตุ|note|"
                            r"\d{1,2}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{2,4}", re.IGNORECASE)
_TOTAL_WORDS = re.compile(r"^(?:ยอด)?รวม\s*|\s*รวม\s*$|^(?:sub\s*-?\s*)?total\s*|\s*total\s*$", re.IGNORECASE)
# A person's title: Thai titles run into the name, so no word boundary after them.
_PERSON = re.compile(r"^(?:นาย|นาง|น\.ส\.|ด\.ช\.|ด\.ญ\.)|^(?:mr|mrs|ms|miss)\b", re.IGNORECASE)
_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d*)?(?![\d,])")  # 1,234,567.89
_MONEY_JUNK = re.compile(r"[,\s฿]|บาท|บ\.$")


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
    notes: list[dict] = field(default_factory=list)  # {"row", "note"}: used rows with a cell left blank

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
    titles = _title_lines(raw.rows[:header_index])
    body = raw.rows[header_index + 1:]
    if not body:
        raise _no_loans(header_index + 1, [])
    loans, skipped, notes, total = _classify(body, headers, header_index + 2)
    if loans.empty:
        raise _no_loans(header_index + 1, skipped)
    return Ledger(loans=loans, skipped=skipped, rows_read=len(body), header_row=header_index + 1,
                  headers=headers, grand_total=total, titles=titles, notes=notes,
                  title_as_of=_as_of_from_titles(titles))


def _no_loans(header_row: int, skipped: list[dict]) -> LedgerError:
    """Every row under the header was skipped: say so, with the commonest reason."""
    kinds = Counter(_reason_kind(s["reason"]) for s in skipped).most_common(1)
    common = f" ({kinds[0][1]}×: {kinds[0][0]})" if kinds else ""
    return LedgerError(
        f"ไม่พบรายการเงินกู้ใต้หัวตาราง (แถว {header_row}) ข้ามทั้ง {len(skipped)} แถว{common} "
        "ตรวจว่าเลือกแผ่นงานถูกต้อง และแต่ละแถวมีเลขสมาชิก จำนวนเงิน และวันที่ที่อ่านได้",
        f"no loan rows under the header (row {header_row}): all {len(skipped)} rows skipped{common}; "
        "check the sheet, and that each loan row has a member number, amounts and readable dates")


def _reason_kind(reason: str) -> str:
    """A skip reason without the row's own text: "date cannot be read …: due_date='x'" -> "…: due_date"."""
    head, _, rest = reason.partition(": ")
    return f"{head}: {rest.split('=')[0]}" if "=" in rest else head


def _no_header(raw: RawSheet) -> LedgerError:
    if not any(_row_text(r) for r in raw.rows):
        return LedgerError("แผ่นงานว่างเปล่า ไม่มีข้อมูล เลือกแผ่นงานที่มีทะเบียนเงินกู้",
                           "the sheet is empty; choose the sheet that holds the loan ledger")
    return LedgerError(
        "ไม่พบแถวหัวตาราง (เช่น เลขทะเบียนสมาชิก, เงินต้นคงเหลือ) ตรวจว่าเป็นทะเบียนลูกหนี้เงินกู้ "
        "หรือจับคู่หัวคอลัมน์เอง (บรรทัดคำสั่ง: --map \"หัวคอลัมน์=ฟิลด์\")",
        "no header row found (e.g. Member No, Principal Balance); check this is a loan ledger "
        "or map the headers yourself (command line: --map \"HEADER=field\")")


def _require_fields(headers: HeaderMap) -> None:
    unknown = ", ".join(headers.unmapped) or "-"
    for needed, fields, th, en in (
        ("outstanding", ("outstanding", "principal_overdue"), "จำนวนเงิน (เงินต้นคงเหลือ หรือ เงินต้นค้างชำระ)",
         "amount (principal outstanding or principal overdue)"),
        ("due_date", ("due_date",), "วันครบกำหนดชำระ", "due-date"),
        ("member_no", ("member_no", "name"), "เลขทะเบียนสมาชิกหรือชื่อสมาชิก", "member number or name"),
    ):
        if not set(fields) & headers.columns.keys():
            raise LedgerError(
                f"ไม่พบคอลัมน์{th} หัวที่ไม่รู้จัก: {unknown} — จับคู่หัวคอลัมน์เองในแบบฟอร์ม "
                f"(บรรทัดคำสั่ง: --map \"หัวคอลัมน์={needed}\")",
                f"no {en} column found; unknown headers: {unknown} — map one in the mapping form "
                f"(command line: --map \"HEADER={needed}\")", headers.unmapped)


def _row_text(row: list[object]) -> str:
    return " ".join(str(c).strip() for c in row if c is not None and str(c).strip())


_AS_OF_MARK = re.compile(r"ณ\s*วันที่|ณ\s+(?=\d)|as\s+(?:of|at)|สิ้นสุด|ending", re.IGNORECASE)
_PRINTED = re.compile(r"พิมพ์|print", re.IGNORECASE)
_BROUGHT_FORWARD = re.compile(r"^\s*ยอดยกมา|brought\s*forward", re.IGNORECASE)


def _title_lines(rows: list[list[object]]) -> list[str]:
    """The title rows as text, without the cells that give the print date or time; a real date cell
    (or an Excel serial number) beside "ณ วันที่" as its ISO date."""
    lines = [_row_text([_title_cell(c) for c in row if not (isinstance(c, str) and _PRINTED.search(c))])
             for row in rows]
    return [line for line in lines if line]


def _title_cell(cell: object) -> object:
    if isinstance(cell, (int, float)) and not isinstance(cell, bool) and 20000 <= cell < 80000:
        return serial_date(cell).isoformat()
    return cell.date().isoformat() if isinstance(cell, datetime) else cell


def _as_of_from_titles(titles: list[str]) -> date | None:
    """The report date: the latest "ณ วันที่ …"/"as at …" date (an opening balance's date is earlier);
    without one, the latest date in the titles (a period's end)."""
    marked = [dates_in_text(line[m.end():])[:1] for line in titles
              if (m := _AS_OF_MARK.search(line)) and not _BROUGHT_FORWARD.search(line)]
    candidates = [d for found in marked for d in found] or [d for line in titles for d in dates_in_text(line)]
    return max(candidates, default=None)


# --- classification of body rows -------------------------------------------------------------
# Cells are scanned with list comprehensions over object arrays: one pass per column is several
# times faster than pandas' .str methods on mixed-type columns.

def _grid(body: list[list[object]], min_width: int) -> np.ndarray:
    """Rows of unequal length (CSV) padded with None into one 2-D object array, at least min_width wide."""
    width = max(min_width, *map(len, body))
    padded = [r if len(r) == width else list(r) + [None] * (width - len(r)) for r in body]
    grid = np.empty((len(padded), width), dtype=object)
    grid[:] = padded
    return grid


def _text(values: np.ndarray) -> np.ndarray:
    """String cells stripped; blank strings and every other cell None."""
    return np.array([(v.strip() or None) if type(v) is str else None for v in values], dtype=object)


def _other(values: np.ndarray) -> np.ndarray:
    """Cells holding a value that is not text (numbers, dates), NaN excluded."""
    return np.array([v is not None and type(v) is not str and v == v for v in values], dtype=bool)


def _matches(pattern: re.Pattern, texts: np.ndarray, where: np.ndarray) -> np.ndarray:
    """pattern.search on the texts at `where` (others False)."""
    out = np.zeros(len(texts), dtype=bool)
    idx = np.flatnonzero(where)
    out[idx] = [t is not None and pattern.search(t) is not None for t in texts[idx]]
    return out


@dataclass
class _Rows:
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


def _classify(grid_rows: list[list[object]], headers: HeaderMap, first_row: int):
    cols = headers.columns
    grid = _grid(grid_rows, 1 + max(cols.values()))
    money = {cols[f] for f in MONEY_FIELDS if f in cols}
    texts = [np.full(len(grid), None, dtype=object) if j in money else _text(grid[:, j])
             for j in range(grid.shape[1])]
    rows = _row_kinds(grid, texts, cols, headers)
    reasons = _reasons(rows)
    notes: list[dict] = []
    loans = _loan_columns(grid, texts, cols, headers, rows, reasons, notes)
    loans["row"] = np.arange(first_row, first_row + len(grid))
    used = np.array([r is None for r in reasons], dtype=bool)
    skipped = [{"row": int(r), "reason": str(t)} for r, t in zip(loans["row"][~used], reasons[~used])]
    notes = [{"row": int(loans["row"][n["index"]]), "note": n["note"]} for n in notes if used[n["index"]]]
    frame = pd.DataFrame({k: v[used] for k, v in loans.items()})
    return _finish(frame), skipped, notes, _grand_total(grid, cols, headers, rows.grand)


def _row_kinds(grid: np.ndarray, texts: list[np.ndarray], cols: dict, headers: HeaderMap) -> _Rows:
    filled = (grid != None) & (grid != "")  # noqa: E711
    blank = ~filled.any(axis=1)
    dated = filled[:, cols["due_date"]]
    has_money = filled[:, [cols[f] for f in headers.money_fields]].any(axis=1)
    repeated = _repeated_header(grid, cols, ~blank)
    member_key = _member_key(grid, texts, cols)
    member_key[repeated] = None
    label = _label(texts, cols)

    total_text = _total_texts(texts, cols, ~blank & ~repeated & ~dated)
    label = np.where(total_text != None, total_text, label)  # noqa: E711
    carried = _matches(_CARRIED, total_text, total_text != None)  # noqa: E711
    grand = _matches(_GRAND_TOTAL, total_text, ~carried)
    subtotal = (total_text != None) & ~grand & ~carried  # noqa: E711
    if not grand.any():
        grand = _plain_total(grid, cols, headers, subtotal, label, member_key != None)  # noqa: E711
        subtotal &= ~grand

    text_only = ~blank & ~has_money & ~dated & ~repeated & ~carried
    signature = _matches(_SIGNATURE, label, text_only)
    heading_text = _first_match(_HEADING, texts, _label_columns(cols), ~blank & ~dated & ~(subtotal | grand | carried))
    no_number = texts[cols["member_no"]] == None if "member_no" in cols else np.ones(len(grid), dtype=bool)  # noqa: E711
    named = (heading_text != None) & ~signature & (text_only | has_money & no_number)  # noqa: E711
    label = np.where(named, heading_text, label)
    lone = (filled.sum(axis=1) == 1) & text_only & ~(subtotal | grand | signature | named)
    lone &= ~_matches(_NOT_A_HEADING, label, lone) if "group" not in cols else np.zeros(len(grid), dtype=bool)
    after_total = _after_last(grand) & ~blank
    member_key[named] = None
    no_member = member_key == None  # noqa: E711
    loan_like = filled[:, cols["contract"]] if "contract" in cols else dated
    continued = no_member & has_money & loan_like & ~(grand | subtotal | carried | after_total)
    if continued.any():
        through = repeated | carried
        no_member = _carry_member(texts, cols, member_key, continued, subtotal | grand | named | lone, through)
    return _Rows(member_key, label, blank, grand, subtotal, carried, repeated, named, lone, signature,
                 after_total, text_only, no_member)


def _total_texts(texts: list[np.ndarray], cols: dict, undated: np.ndarray) -> np.ndarray:
    """Each row's "รวม …"/"Total" label, or None: looked for in rows without a due date, and in rows
    whose member cell itself says "รวม" as a word."""
    id_col = texts[cols["member_no"]] if "member_no" in cols else texts[cols["name"]]
    says_total = _matches(_DATED_TOTAL, id_col, id_col != None)  # noqa: E711
    return _first_match(_SUBTOTAL, texts, _label_columns(cols), undated | says_total)


def _first_match(pattern: re.Pattern, texts: list[np.ndarray], columns: list[int], where: np.ndarray) -> np.ndarray:
    """Per row at `where`, the first text in `columns` that the pattern finds; else None."""
    found = np.full(len(where), None, dtype=object)
    for j in columns:
        todo = where & (found == None) & (texts[j] != None)  # noqa: E711
        hit = _matches(pattern, texts[j], todo)
        found[hit] = texts[j][hit]
    return found


def _label_columns(cols: dict) -> list[int]:
    """Where exports write a row's label ("รวม …", "กลุ่มที่ …"): the identity columns and any column
    left of them (a sequence column); not the loan type or a notes column ("รวมหนี้" is a loan type)."""
    identity = [cols[f] for f in ("member_no", "name", "group", "contract") if f in cols]
    return identity + [j for j in range(min(identity)) if j not in identity]


def _reasons(rows: _Rows) -> np.ndarray:
    """The reason each row is skipped (None for loan rows), the first that applies."""
    reasons = np.full(len(rows.blank), None, dtype=object)
    for mask, reason in (
        (rows.blank, "blank row / แถวว่าง"),
        (rows.grand, "grand total / แถวรวมทั้งสิ้น"),
        (rows.carried, "page carry row / แถวยอดยกมา-ยกไป: {label}"),
        (rows.subtotal, "subtotal / แถวยอดรวมกลุ่ม: {label}"),
        (rows.repeated, "repeated header / หัวตารางซ้ำ"),
        (rows.after_total, "below the grand total / อยู่ใต้แถวรวมทั้งสิ้น: {label}"),
        (rows.heading | rows.lone_heading, "group heading / หัวข้อกลุ่ม: {label}"),
        (rows.signature, "signature or footer / ท้ายรายงาน: {label}"),
        (rows.no_member, "no member number or name / ไม่มีเลขสมาชิกหรือชื่อ: {label}"),
        (rows.text_only, "no amount or due date / ไม่มีจำนวนเงินหรือวันครบกำหนด: {label}"),
    ):
        _mark(reasons, mask, reason, rows.label)
    return reasons


def _loan_columns(grid: np.ndarray, texts: list[np.ndarray], cols: dict, headers: HeaderMap, rows: _Rows,
                  reasons: np.ndarray, notes: list[dict]) -> dict[str, np.ndarray]:
    """Every field as a column of all body rows. Unreadable amounts and due dates skip the row; an
    unreadable loan date (used in no figure) is left blank with a note."""
    loans = {"member_no": rows.member_key}
    for name in headers.money_fields:
        loans[name] = _money_field(grid[:, cols[name]], name, reasons)
    for name in DATE_FIELDS:
        if name in cols:
            loans[name] = _date_field(grid[:, cols[name]], name, reasons if name == "due_date" else None, notes)
    for name in TEXT_FIELDS:
        if name in cols and name not in ("member_no", "group"):
            loans[name] = _text_field(grid[:, cols[name]], texts[cols[name]])
    group = _as_texts(grid[:, cols["group"]], texts[cols["group"]]) if "group" in cols else None
    loans["group"] = _groups(group, rows)
    return loans


def _plain_total(grid: np.ndarray, cols: dict, headers: HeaderMap, subtotal: np.ndarray, label: np.ndarray,
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
        total[rows[-1]] = bool(_BARE_TOTAL.search(label[rows[-1]]))
    elif abs(values[-1] - values[:-1].sum()) < 0.005:
        total[rows[-1]] = True
    return total


def _member_key(grid: np.ndarray, texts: list[np.ndarray], cols: dict) -> np.ndarray:
    """Member number as text ("00017" stays; 17.0 from Excel becomes "17"); the name where there is no number."""
    names = texts[cols["name"]] if "name" in cols else np.full(len(grid), None, dtype=object)
    if "member_no" not in cols:
        return names.copy()
    numbers = _as_texts(grid[:, cols["member_no"]], texts[cols["member_no"]])
    numbers[np.isin(numbers, _NO_NUMBER)] = None
    return np.where(numbers == None, names, numbers)  # noqa: E711


def _as_texts(raw: np.ndarray, text: np.ndarray) -> np.ndarray:
    """Text cells as written, numbers as their digits (17.0 -> "17"), blanks None."""
    other = _other(raw)
    if not other.any():
        return text.copy()
    return np.array([_as_text(v) if o else t for v, o, t in zip(raw, other, text)], dtype=object)


def _carry_member(texts: list[np.ndarray], cols: dict, member_key: np.ndarray, rows: np.ndarray,
                  barrier: np.ndarray, through: np.ndarray) -> np.ndarray:
    """Loan rows that leave member, name and group blank under the member's first loan take them
    from the loan row above: not across a subtotal or heading, but across a page's repeated header
    or carry rows. Returns the new no-member mask."""
    targets = [member_key] + [texts[cols[f]] for f in ("name", "group") if f in cols]
    for values in dict((id(v), v) for v in targets).values():
        source = np.where(through, None, values)
        above = pd.Series(np.where(barrier, _BARRIER, source), dtype=object).ffill().to_numpy()
        carried = np.where(above == _BARRIER, None, above)
        todo = rows & (values == None)  # noqa: E711
        values[todo] = carried[todo]
    return member_key == None  # noqa: E711


def _as_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _label_order(texts: list[np.ndarray], cols: dict) -> list[int]:
    """Columns to read a row's label from: the label columns first, then every other."""
    order = _label_columns(cols)
    return order + [j for j in range(len(texts)) if j not in order]


def _label(texts: list[np.ndarray], cols: dict) -> np.ndarray:
    """The first text of each row."""
    label = np.full(len(texts[0]), None, dtype=object)
    for j in _label_order(texts, cols):
        empty = label == None  # noqa: E711
        label[empty] = texts[j][empty]
    return label


def _repeated_header(grid: np.ndarray, cols: dict, rows: np.ndarray) -> np.ndarray:
    """Rows that repeat the header text (page breaks in printed exports)."""
    out = np.zeros(len(rows), dtype=bool)
    for name in ("due_date", "outstanding", "principal_overdue"):
        if name in cols:
            cells = grid[:, cols[name]]
            idx = np.flatnonzero(rows & np.array([type(v) is str for v in cells], dtype=bool))
            if len(idx):
                uniques, inverse = np.unique(cells[idx].astype(str), return_inverse=True)
                out[idx] |= np.array([lookup(u) == name for u in uniques], dtype=bool)[inverse]
    return out


def _after_last(mask: np.ndarray) -> np.ndarray:
    after = np.zeros(len(mask), dtype=bool)
    if mask.any():
        after[np.flatnonzero(mask)[-1] + 1:] = True
    return after


def _mark(reasons: np.ndarray, mask: np.ndarray, reason: str, label: np.ndarray) -> None:
    todo = np.flatnonzero(mask & (reasons == None))  # noqa: E711
    for i in todo:
        reasons[i] = reason.format(label=_short(label[i])) if "{label}" in reason else reason


def _short(text: object) -> str:
    s = "" if text is None or text != text else str(text)
    return s if len(s) <= 40 else s[:39] + "…"


def _money_text(text: str) -> float | None:
    """"12,500.00", "฿1,200", "12,500.-" (whole baht), "(1,200.00)" or "1,200.00-" (negative), "-" (zero)
    -> baht; None if not money, also for commas that do not group thousands ("50000,50", "1.234,5")."""
    if "," in text and not _GROUPED.search(text):
        return None
    s = _MONEY_JUNK.sub("", text)
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

    Numbers pass; text goes through _money_text (each distinct text once); blanks are zero.
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
        parsed = np.array([_money_text(u) for u in uniques], dtype=object)
        bad[idx] = parsed[inverse] == None  # noqa: E711
        numbers[idx] = np.where(bad[idx], 0.0, parsed[inverse]).astype(float)
    return np.round(np.nan_to_num(numbers), 2), bad


def _money_field(raw: np.ndarray, name: str, reasons: np.ndarray) -> np.ndarray:
    values, bad = parse_money(raw)
    _mark_bad(reasons, bad, raw, f"amount is not a number / จำนวนเงินอ่านไม่ได้: {name}")
    return values


def _date_field(raw: np.ndarray, name: str, reasons: np.ndarray | None, notes: list[dict]) -> np.ndarray:
    """Dates of one column; an unreadable one skips its row (reasons given) or is left blank with a note."""
    values, bad = parse_date_column(pd.Series(raw, dtype=object))
    message = f"date cannot be read / อ่านวันที่ไม่ได้: {name}"
    if reasons is not None:
        _mark_bad(reasons, bad.to_numpy(), raw, message)
    else:
        notes += [{"index": i, "note": f"{message}='{_short(raw[i])}' (left blank / เว้นว่าง)"}
                  for i in np.flatnonzero(bad.to_numpy())]
    return values.to_numpy()


def _mark_bad(reasons: np.ndarray, bad: np.ndarray, raw: np.ndarray, reason: str) -> None:
    for i in np.flatnonzero(bad & (reasons == None)):  # noqa: E711
        reasons[i] = f"{reason}='{_short(raw[i])}'"


def _text_field(raw: np.ndarray, text: np.ndarray) -> np.ndarray:
    """Text as written, blanks empty; numbers (a contract no. typed as a number) as their digits."""
    texts = _as_texts(raw, text)
    return np.where(texts == None, "", texts)  # noqa: E711


def _groups(group: np.ndarray | None, rows: _Rows) -> np.ndarray:
    """Each row's group: the group column (a blank carried down from the loan above, as report writers
    print a group once); else the "กลุ่ม…" heading above, the "รวม …" subtotal below, or a lone heading."""
    totals = rows.subtotal | rows.grand
    result = (_carried_down(group, totals | rows.heading | rows.lone_heading) if group is not None
              else pd.Series([None] * len(totals), dtype=object))
    for fallback in (
        lambda: _carried_down(np.where(rows.heading, rows.label, None), totals),
        lambda: pd.Series([_subtotal_group(t) if s else None for t, s in zip(rows.label, rows.subtotal)],
                          dtype=object).bfill(),
        lambda: _carried_down(np.where(rows.lone_heading, rows.label, None), totals),
    ):
        if not result.isna().any():
            break
        result = result.fillna(fallback())
    return result.fillna(NO_GROUP).to_numpy()


def _carried_down(values: np.ndarray, barrier: np.ndarray) -> pd.Series:
    """Values filled down into the blanks below them, not past a barrier row."""
    marked = pd.Series(np.where(barrier, _BARRIER, values), dtype=object).ffill().to_numpy()
    return pd.Series(np.where(marked == _BARRIER, None, marked), dtype=object)


def _subtotal_group(label: str) -> str | None:
    """The group a subtotal names ("รวม กลุ่มที่ 3" -> "กลุ่มที่ 3"); None for carry rows and a member's own total."""
    name = _TOTAL_WORDS.sub("", label).strip(" :.-")
    return None if not name or _CARRIED.search(label) or _PERSON.search(name) else name


def _grand_total(grid: np.ndarray, cols: dict, headers: HeaderMap, grand: np.ndarray) -> dict[str, float] | None:
    """The file's own total per money column, from the last grand-total row (blank cells left out)."""
    if not grand.any():
        return None
    row = grid[np.flatnonzero(grand)[-1]]
    total = {}
    for name in headers.money_fields:
        cell = row[cols[name]] if name in cols else None
        if cell is None or (type(cell) is str and not cell.strip()) or cell != cell:
            continue
        values, bad = parse_money([cell])
        if not bad[0]:
            total[name] = float(values[0])
    return total


def _finish(frame: pd.DataFrame) -> pd.DataFrame:
    """Fixed dtypes and column order: text as str, money as float baht, dates as datetime64."""
    order = ["row"] + [f for f in FIELDS if f in frame]
    out = frame[order]
    text = [f for f in TEXT_FIELDS if f in out]
    return out.astype({f: "str" for f in text} | {"row": "int64"})
