"""Real-shaped Thai co-op ledgers for tests/test_read_real_shapes.py and tests/test_load_page.py: eight
hand-written loans, a renderer that lays them out the way co-op programs print them, and the figures those
loans must give.

The expected figures never come from kmdash: `expected` hands LOANS to tests/support/oracle.py, which
applies the brief's rules in plain Python, so a sheet shape that kmdash misreads shows up as a difference.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from openpyxl import load_workbook

from . import oracle
from .figures import baht_equal, fraction_equal
from .ledgers import AS_OF, SHEET, book_bytes, workbook_bytes, write_rows, xls_bytes

G1, G2, G3 = "กลุ่มที่ 1 บ้านหนองบัว", "กลุ่มที่ 2 บ้านโนนสูง", "กลุ่มที่ 3 บ้านดอนแก้ว"
CO_OP = "สหกรณ์การเกษตรเมืองน่าน จำกัด"
TITLES = (CO_OP, "รายงานลูกหนี้เงินกู้ค้างชำระ", "ณ วันที่ 31 มีนาคม 2567")
STD_HEADER = ("ลำดับที่", "เลขทะเบียนสมาชิก", "ชื่อ - สกุล", "เลขที่สัญญา", "วันที่กู้", "วันครบกำหนดชำระ",
              "เงินต้นคงเหลือ", "เงินต้นค้างชำระ", "ดอกเบี้ยค้างชำระ")
AMOUNT_COLUMN = 6  # 0-based index of เงินต้นคงเหลือ in STD_HEADER; the next two are the other amounts


class Loan(NamedTuple):
    member: str | int
    name: str
    group: str | int
    contract: str
    loan_date: date | None
    due: date | None
    outstanding: float
    principal_overdue: float
    interest: float

    @property
    def amounts(self) -> tuple[float, float, float]:
        return self.outstanding, self.principal_overdue, self.interest


LOANS = (
    Loan("00101", "นายสมชาย ใจดี", G1, "ส.001/2565", date(2022, 4, 1), date(2023, 3, 31), 50000.00, 20000.00, 3500.50),
    Loan("00101", "นายสมชาย ใจดี", G1, "ส.015/2566", date(2023, 4, 1), date(2024, 3, 1), 12500.00, 12500.00, 250.25),
    Loan("00102", "นางสมศรี มีสุข", G1, "ส.020/2566", date(2023, 4, 1), date(2024, 3, 31), 30000.00, 30000.00, 0.0),
    Loan("00205", "นายบุญมี ศรีสุข", G2, "ก.003/2565", date(2022, 6, 1), date(2023, 12, 31), 80000.75, 40000.00, 1200.00),
    Loan("00206", "นางมาลี ดีงาม", G2, "ก.010/2562", date(2019, 1, 15), date(2020, 1, 15), 15000.00, 15000.00, 4000.00),
    Loan("00207", "นายทองดี ทองคำ", G2, "ส.030/2566", date(2023, 1, 1), date(2023, 6, 30), 20000.00, 0.0, 0.0),
    Loan("00301", "นายแดง แสงทอง", G3, "ส.040/2566", date(2023, 2, 1), date(2024, 1, 31), -500.00, 0.0, 0.0),
    Loan("00302", "นางเขียว ขจี", G3, "ย.005/2567", date(2024, 3, 1), date(2025, 3, 31), 100000.00, 0.0, 0.0),
)


def replace_loan(contract: str, loans=LOANS, **changes) -> tuple[Loan, ...]:
    """LOANS with one loan changed (`due=None`, `member=...`), or dropped when changes is empty."""
    return tuple(loan._replace(**changes) if loan.contract == contract else loan
                 for loan in loans if changes or loan.contract != contract)


def numbered_groups(loans=LOANS) -> tuple[Loan, ...]:
    """The groups written as numbers 1, 2, 3, as a group column often holds them."""
    number = {G1: 1, G2: 2, G3: 3}
    return tuple(loan._replace(group=number[loan.group]) for loan in loans)


# ---------------------------------------------------------------- how cells are written


def be(d: date, sep: str = "/", two_digit: bool = False) -> str:
    """31/03/2567: day, month, Buddhist Era year."""
    year = d.year + 543
    return f"{d.day:02d}{sep}{d.month:02d}{sep}{year % 100 if two_digit else year}"


def money(x: float) -> str:
    return f"{x:,.2f}"


def thai_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))


def as_datetime(d: date) -> datetime:
    """A real date-time cell, as Excel stores dates."""
    return datetime(d.year, d.month, d.day)


def excel_serial(d: date) -> int:
    """The day number Excel shows for a date in a General-format cell."""
    return (d - date(1899, 12, 30)).days


def same(value):
    return value


# ---------------------------------------------------------------- the sheet


@dataclass
class Sheet:
    """Rows of cells, with labels of 1-based sheet rows ('header', 'sub', 'grand', 'loan:ส.001/2565',
    'footer:1' ...), and what the workbook adds around them."""

    rows: list[list] = field(default_factory=list)
    marks: dict[str, list[int]] = field(default_factory=dict)
    merges: list[str] = field(default_factory=list)
    formats: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column) 1-based -> number format
    before: tuple[str, list[list]] | None = None  # a (title, rows) sheet placed before the ledger

    def add(self, row, mark: str | None = None) -> None:
        self.rows.append(list(row))
        if mark:
            self.marks.setdefault(mark, []).append(len(self.rows))

    def at(self, mark: str) -> int:
        """The first sheet row (1-based) with this label."""
        return self.marks[mark][0]

    def row(self, mark: str) -> list:
        return self.rows[self.at(mark) - 1]


def _labelled(width: int, cells: dict[int, object]) -> list:
    row = [None] * width
    for column, value in cells.items():
        row[column] = value
    return row


def render(loans=LOANS, *, titles=TITLES, header=STD_HEADER, header_rows=None, groups="heading",
           heading_col=0, heading_code_col=None, subtotal=True, subtotal_col=2, subtotal_label="รวม {g}",
           subtotal_count_col=None, grand="รวมทั้งสิ้น", grand_col=2, grand_count_col=None,
           continuation=False, date_fmt=same, amount_fmt=same, member_fmt=same, footer=(),
           insert=None) -> Sheet:
    """A ledger sheet: title lines, a blank line, the header, then each group's loans.

    groups: 'heading' (a heading row above each group), 'column' (a กลุ่ม column after the name) or
    'none' (the group only in its subtotal label). continuation leaves the member number and name of a
    member's later loans blank. insert maps a contract to rows placed right after its loan row.
    """
    sheet = Sheet()
    in_column = groups == "column"
    width = len(header) + in_column
    for title in titles:
        sheet.add(_labelled(width, {0: title}), "title")
    if titles:
        sheet.add([None] * width, "blank")
    for row in header_rows or [list(header[:3]) + ["กลุ่ม"] * in_column + list(header[3:])]:
        sheet.add(row, "header")

    def totals_row(label_cells: dict, of_loans) -> list:
        sums = (round(sum(loan.amounts[i] for loan in of_loans), 2) for i in range(3))
        first = AMOUNT_COLUMN + in_column
        return _labelled(width, {**label_cells, **{first + i: amount_fmt(v) for i, v in enumerate(sums)}})

    def count_cell(column, of_loans) -> dict:
        return {} if column is None else {column: f"{len({loan.member for loan in of_loans})} ราย"}

    seq = 0
    for number, group in enumerate(dict.fromkeys(loan.group for loan in loans), start=1):
        own = [loan for loan in loans if loan.group == group]
        if groups == "heading":
            code = {} if heading_code_col is None else {heading_code_col: f"{number:02d}"}
            sheet.add(_labelled(width, {**code, heading_col: group}), "heading")
        previous = None
        for loan in own:
            seq += 1
            first = not (continuation and loan.member == previous)
            row = [seq, member_fmt(loan.member) if first else None, loan.name if first else None, loan.contract,
                   date_fmt(loan.loan_date), None if loan.due is None else date_fmt(loan.due),
                   *map(amount_fmt, loan.amounts)]
            if in_column:
                row.insert(3, group if first else None)
            sheet.add(row, f"loan:{loan.contract}")
            previous = loan.member
            for extra in (insert or {}).get(loan.contract, ()):
                sheet.add(extra, "insert")
        if subtotal:
            label = {subtotal_col: subtotal_label.format(g=group), **count_cell(subtotal_count_col, own)}
            sheet.add(totals_row(label, own), "sub")
    if grand:
        sheet.add(totals_row({grand_col: grand, **count_cell(grand_count_col, loans)}, loans), "grand")
    for i, row in enumerate(footer):
        sheet.add(row, f"footer:{i}")
    return sheet


def amounts_line(label: str, amounts: tuple[float, float, float], label_col: int = 2) -> list:
    """A standard-width line holding a label and three amounts ('ยอดยกไป', 'รวม นายสมชาย ใจดี')."""
    return _labelled(len(STD_HEADER), {label_col: label, **dict(zip(range(AMOUNT_COLUMN, 9), amounts))})


def text_line(*cells, width: int = len(STD_HEADER)) -> list:
    """A standard-width line with these cells at the left."""
    return list(cells) + [None] * (width - len(cells))


def narrow_export(loans, header, amount_fields, grand: bool) -> Sheet:
    """A few-column text export: member, name, due date (BE text) and the named amounts."""
    rows = [["ณ วันที่ 31 มีนาคม 2567"], list(header)]
    rows += [[loan.member, loan.name, be(loan.due), *(money(getattr(loan, f)) for f in amount_fields)]
             for loan in loans]
    if grand:
        rows.append(["", "รวมทั้งสิ้น", "", *(money(sum(getattr(loan, f) for loan in loans)) for f in amount_fields)])
    return Sheet(rows)


# ---------------------------------------------------------------- files


def save(sheet: Sheet, path: Path, fmt: str = "xlsx") -> Path:
    """Write the sheet: fmt 'xlsx', 'xls', 'ods', 'xlsb', 'semicolon' (cp874, ';') or a text encoding (csv; tab for
    utf-16)."""
    if fmt == "xlsx" and (sheet.merges or sheet.formats or sheet.before):
        return _workbook(sheet, path)
    if fmt == "xlsx":
        return write_rows(sheet.rows, path)
    if fmt == "xls":
        path.write_bytes(xls_bytes(sheet.rows))
    elif fmt in ("ods", "xlsb"):
        path.write_bytes(book_bytes(fmt, {SHEET: sheet.rows}))
    elif fmt == "semicolon":
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(
            ["" if c is None else c for c in row] for row in sheet.rows)
        path.write_bytes(buffer.getvalue().encode("cp874"))
    else:
        return write_rows(sheet.rows, path, encoding=fmt)
    return path


def _workbook(sheet: Sheet, path: Path) -> Path:
    """An ordinary workbook with merged cells, number formats or a sheet before the ledger."""
    book = load_workbook(io.BytesIO(workbook_bytes(*sheet.rows)))
    ledger = book.active
    ledger.title = "ลูกหนี้"
    for cells in sheet.merges:
        ledger.merge_cells(cells)
    for (row, column), number_format in sheet.formats.items():
        ledger.cell(row, column).number_format = number_format
    if sheet.before:
        title, rows = sheet.before
        first = book.create_sheet(title, 0)
        for row in rows:
            first.append(row)
    book.save(path)
    return path


# ---------------------------------------------------------------- expected figures

ANY = object()  # an expected value that is not checked


def expected(loans=LOANS, as_of: date = AS_OF, basis: str = "principal_overdue", long_days: int = 365,
             **overrides) -> dict:
    """The figures `summary --json` must give for these loans, from the brief's rules.

    A loan is overdue when its due date is before the as-of date and its basis (principal overdue, or
    outstanding when the ledger has no overdue column) is above zero; a member's days are the most of
    their loans; PARn = outstanding of loans more than n days overdue / all outstanding.
    overrides: as_of text, matches (reconciliation), skip ({row label: reason pattern}), by_group=ANY ...
    """
    canonical = [{"member_no": loan.member, "name": loan.name, "group": str(loan.group), "due_date": loan.due,
                  "outstanding": loan.outstanding, "principal_overdue": loan.principal_overdue,
                  "interest_arrears": loan.interest} for loan in loans]
    got = oracle.figures(canonical, as_of, basis, long_days)
    figures = {
        **{key: got[key] for key in (*COUNTS, *MONEY, "loans", "par30", "par90")},
        "as_of": as_of.isoformat(), "matches": True, "skip": {},
        "aging": {row["bucket"]: (row["loans"], row["members"], row["overdue"])
                  for row in got["aging"] if row["bucket"] != oracle.NOT_DUE},
        "by_group": {g["group"]: (g["members"], g["members_overdue"], g["overdue"]) for g in got["by_group"]},
    }
    return {**figures, **overrides}


COUNTS = ("loans_overdue", "members", "members_overdue", "members_overdue_over_365", "members_long_overdue")
MONEY = ("outstanding", "overdue", "interest_arrears")


def differences(got: dict, want: dict, marks: dict[str, list[int]]) -> list[str]:
    """Every way a `summary --json` object differs from `expected`; skip labels are resolved through marks."""
    diffs = []

    def differ(what: str, g, w, equal=lambda a, b: a == b) -> None:
        if w is not ANY and not equal(g, w):
            diffs.append(f"{what}: got {g!r}, expected {w!r}")

    differ("as_of", (got["as_of"], got["as_of_source"]), want["as_of"], lambda g, w: g[0] == w)
    differ("rows.loans", got["rows"]["loans"], want["loans"])
    differ("reconciliation.matches", got["reconciliation"]["matches"], want["matches"])
    for key in ("as_of_source", "overdue_basis"):
        differ(key, got[key], want.get(key, ANY))
    for fld in want.get("mapped", ()):
        differ(f"columns[{fld!r}]", fld in got["columns"], True)
    for text in want.get("unmapped", ()):
        differ(f"{text!r} in unmapped_headers", got["unmapped_headers"], text, lambda g, w: w in g)
    for key in COUNTS:
        differ(key, got[key], want[key])
    for key in MONEY:
        differ(key, got[key], want[key], baht_equal)
    for key in ("par30", "par90"):
        differ(key, got[key], want[key], fraction_equal)
    for row in got["aging"]:
        if row["bucket"] in want["aging"]:
            w = want["aging"][row["bucket"]]
            differ(f"aging {row['bucket']}", (row["loans"], row["members"], row["overdue"]), w,
                   lambda g, w: g[:2] == w[:2] and baht_equal(g[2], w[2]))
    if want["by_group"] is not ANY:
        differ("by_group", {r["group"]: (r["members"], r["members_overdue"], r["overdue"]) for r in got["by_group"]},
               want["by_group"], lambda g, w: g.keys() == w.keys() and all(
                   g[k][:2] == w[k][:2] and baht_equal(g[k][2], w[k][2]) for k in w))
    reasons = {s["row"]: s["reason"] for s in got["skipped"]}
    for label, pattern in want["skip"].items():
        for row in marks[label]:
            differ(f"skip reason of row {row} ({label})", reasons.get(row), pattern,
                   lambda g, w: g is not None and re.search(w, g) is not None)
    return diffs
