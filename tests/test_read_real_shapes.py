"""Real-shaped Thai co-op ledgers: the same eight hand-written loans laid out the ways co-op programs and
accountants print them (titles, headers, group rows, totals, page breaks, amounts, dates, encodings,
workbooks), each read by `summary --json` and checked against figures computed from the loans themselves
(tests/support/shapes.py), never from kmdash.analyse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Callable

import pytest

from .support.cli import assert_user_error
from .support.shapes import (
    ANY,
    CO_OP,
    G1,
    G2,
    G3,
    LOANS,
    STD_HEADER,
    Sheet,
    amounts_line,
    as_datetime,
    be,
    differences,
    excel_serial,
    expected,
    money,
    narrow_export,
    numbered_groups,
    render,
    replace_loan,
    save,
    text_line,
    thai_digits,
)

# ---------------------------------------------------------------- sheet edits


def put(mark: str, column: int, value, nth: int = 0) -> Callable[[Sheet], None]:
    """Set one cell (0-based column) of the nth row with this label."""

    def edit(sheet: Sheet) -> None:
        sheet.rows[sheet.marks[mark][nth] - 1][column] = value

    return edit


def merge(*ranges: str) -> Callable[[Sheet], None]:
    return lambda sheet: sheet.merges.extend(ranges)


def before(title: str, rows: list[list]) -> Callable[[Sheet], None]:
    """A sheet placed before the ledger in the workbook."""

    def edit(sheet: Sheet) -> None:
        sheet.before = (title, rows)

    return edit


def merge_grand_a_to_c(sheet: Sheet) -> None:
    row = sheet.at("grand")
    sheet.merges.append(f"A{row}:C{row}")


def zero_formatted_as_date(sheet: Sheet) -> None:
    """A due-date cell holding 0 with a date format: Excel shows it as 00/01/1900."""
    row = sheet.at("loan:ส.030/2566")
    sheet.rows[row - 1][5] = 0
    sheet.formats[(row, 6)] = "dd/mm/yyyy"


def second_interest_column(sheet: Sheet) -> None:
    """A tenth column headed 'ดอกเบี้ยค้างชำระ' again (last year's / this year's), empty below."""
    for row in sheet.rows[sheet.at("header") - 1:]:
        row.append(None)
    sheet.row("header")[9] = "ดอกเบี้ยค้างชำระ"


def group_once(sheet: Sheet, column: int = 3) -> None:
    """'Suppress duplicates' in the group column: the group is printed on its first loan only."""
    last = None
    for row in sheet.rows:
        value = row[column] if len(row) > column else None
        if isinstance(value, str) and value.startswith("กลุ่มที่"):
            if value == last:
                row[column] = None
            last = value


def stray_byte_before(text: str, byte: bytes = b"\xfc") -> Callable[[Path], None]:
    """Damage a written cp874 file: a byte cp874 does not define, just before `text`."""

    def damage(path: Path) -> None:
        data = path.read_bytes()
        i = data.index(text.encode("cp874"))
        path.write_bytes(data[:i] + byte + data[i:])

    return damage


# ---------------------------------------------------------------- the shapes


@dataclass(frozen=True)
class Shape:
    id: str
    doc: str
    layout: dict
    loans: tuple = LOANS
    make: Callable[..., Sheet] = render
    edits: tuple = ()
    fmt: str = "xlsx"
    args: tuple = ()
    expect: dict = field(default_factory=dict)
    damage: Callable[[Path], None] | None = None

    def sheet(self) -> Sheet:
        sheet = self.make(self.loans, **self.layout)
        for edit in self.edits:
            edit(sheet)
        return sheet

    def suffix(self) -> str:
        return {"xlsx": "xlsx", "xls": "xls", "utf-16": "txt"}.get(self.fmt, "csv")


def shape(id: str, doc: str, *, loans=LOANS, make=render, edit=(), fmt="xlsx", args=(), expect=None,
          damage=None, **layout) -> Shape:
    """One case: the sheet is make(loans, **layout) changed by edit (one or a tuple), written as fmt."""
    edits = edit if isinstance(edit, tuple) else (edit,)
    return Shape(id, doc, layout, loans, make, edits, fmt, tuple(args), expect or {}, damage)


def header(changes: dict[int, str]) -> tuple[str, ...]:
    """The standard header with some cells (0-based) worded otherwise."""
    return tuple(changes.get(i, text) for i, text in enumerate(STD_HEADER))


def page_break(amounts, *between) -> list[list]:
    """'ยอดยกไป' carrying these amounts, the lines between pages, then 'ยอดยกมา' with the same amounts."""
    return [amounts_line("ยอดยกไป", amounts), *between, amounts_line("ยอดยกมา", amounts)]


FIRST_LOAN = LOANS[0].amounts
FIRST_MEMBER = tuple(a + b for a, b in zip(LOANS[0].amounts, LOANS[1].amounts))  # นายสมชาย's two loans
NO_DUE_DATE = replace_loan("ส.030/2566", due=None)  # a loan that is not overdue anyway
AS_TEXT = {"date_fmt": be, "amount_fmt": money}  # what a CSV export writes
THAI_SHORT_MONTHS = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
SUBTOTALS_SKIPPED = {"skip": {"sub": "subtotal"}}
GRAND_SKIPPED = {"skip": {"grand": "grand total"}}

TWO_ROW_HEADER = (list(STD_HEADER[:7]) + ["ค้างชำระ", None], [None] * 7 + ["เงินต้น", "ดอกเบี้ย"])
SPLIT_WORDS_HEADER = (["ลำดับ", "เลขทะเบียน", "ชื่อ - สกุล", "เลขที่", "วันที่", "วันครบ", "เงินต้น", "เงินต้น", "ดอกเบี้ย"],
                      ["ที่", "สมาชิก", None, "สัญญา", "กู้", "กำหนดชำระ", "คงเหลือ", "ค้างชำระ", "ค้างชำระ"])
BROKEN_HEADER = ("ลำดับ\nที่", "เลขทะเบียน\nสมาชิก ", "ชื่อ - สกุล ", "เลขที่\nสัญญา", "วันที่กู้", "วันครบ\nกำหนดชำระ",
                 "เงินต้นคงเหลือ\n(บาท)", "เงินต้น\nค้างชำระ (บาท)", "ดอกเบี้ย\nค้างชำระ\n(บาท)")
ENGLISH_HEADER = ("No.", "MEMBER NO.", "Member Name", "Contract No.", "Loan Date", "DUE DATE", "Principal Balance",
                  "Overdue Principal", "Interest Arrears")
NOTE = text_line("หมายเหตุ: ข้อมูลจากระบบบัญชี")
SIGNATURES = (text_line(None, "ลงชื่อ....................ผู้จัดทำ", None, None, None, "ลงชื่อ....................ผู้ตรวจสอบ"),
              text_line(None, "(นางสาวสมใจ ทำบัญชี)", None, None, None, "(นายสมศักดิ์ รักสหกรณ์)"),
              text_line(None, "เจ้าหน้าที่บัญชี", None, None, None, "ผู้จัดการ"),
              text_line(None, "ผู้จัดการสหกรณ์"))
SUMMARY_SHEET = [["สรุปลูกหนี้ค้างชำระ ณ วันที่ 31 มีนาคม 2567"],
                 ["กลุ่ม", "จำนวนสมาชิก", "เงินต้นคงเหลือ", "เงินต้นค้างชำระ"],
                 [G1, 2, 92500, 62500], [G2, 3, 115000.75, 55000], [G3, 2, 99500, 0]]
LEDGER_LIKE_SUMMARY = [["สรุป ณ วันที่ 31 มีนาคม 2567"], ["เลขทะเบียนสมาชิก", "ชื่อสมาชิก", "วันครบกำหนด", "เงินต้นค้างชำระ"],
                       ["00101", "x", "31/03/2566", 1.0]]
NARROW_HEADER = ("เลขทะเบียนสมาชิก", "ชื่อ - สกุล", "วันครบกำหนดชำระ", "เงินต้นคงเหลือ", "เงินต้นค้างชำระ", "ดอกเบี้ยค้างชำระ")
AMOUNT_FIELDS = ("outstanding", "principal_overdue", "interest")


def scaled(factor: float, interest_too: bool = True) -> tuple:
    """The loans with amounts in the millions, as a larger co-op's export."""
    return tuple(loan._replace(outstanding=loan.outstanding * factor, principal_overdue=loan.principal_overdue * factor,
                               interest=loan.interest * (factor if interest_too else 1)) for loan in LOANS)


def whole_baht(x: float) -> str:
    return "-" if x == 0 else f"{x:,.0f}.-" if x == int(x) else money(x)


def accounting(x: float) -> str:
    return "-" if x == 0 else f"({-x:,.2f})" if x < 0 else f" {x:,.2f} ".replace(",", " ")


SHAPES = [
    # ---- titles and the as-of date
    shape("t01-as-of-short-month", "as-of 'ณ วันที่ 31 มี.ค. 2567'", titles=(CO_OP, "ณ วันที่ 31 มี.ค. 2567")),
    shape("t02-as-of-with-pho-so", "as-of 'ณ 31 มีนาคม พ.ศ. 2567' after the report name",
          titles=(CO_OP, "ทะเบียนลูกหนี้ ณ 31 มีนาคม พ.ศ. 2567")),
    shape("t03-as-of-numeric", "as-of 'วันที่ 31/3/2567'", titles=(CO_OP, "วันที่ 31/3/2567")),
    shape("t04-period-and-print-date", "period 'ตั้งแต่วันที่ 1 เมษายน 2566 ถึงวันที่ 31 มีนาคม 2567', then a print-date line",
          titles=(CO_OP, "ตั้งแต่วันที่ 1 เมษายน 2566 ถึงวันที่ 31 มีนาคม 2567", "วันที่พิมพ์ 05/04/2567 10:32")),
    shape("t05-print-date-beside-as-of", "print date 'วันที่พิมพ์ 05/04/2567' in a right-hand cell of the as-of row",
          titles=(CO_OP, "รายงานลูกหนี้เงินกู้ค้างชำระ ณ วันที่ 31 มีนาคม 2567"),
          edit=(put("title", 7, "วันที่พิมพ์ 05/04/2567", nth=1), merge("A1:F1", "A2:F2"))),
    shape("t06-period-with-dash", "period 'งวด 01/04/2566 - 31/03/2567'",
          titles=(CO_OP, "รายงานลูกหนี้ค้างชำระ งวด 01/04/2566 - 31/03/2567")),
    shape("t07-no-titles", "no title rows; the as-of date from --as-of", titles=(), args=("--as-of", "2024-03-31")),
    shape("t08-as-of-date-cell", "a real date cell right of 'ณ วันที่'", titles=(CO_OP, "ณ วันที่"),
          edit=put("title", 1, datetime(2024, 3, 31), nth=1)),
    shape("t09-as-of-thai-digits", "as-of in Thai digits 'ณ วันที่ ๓๑ มีนาคม ๒๕๖๗'", titles=(CO_OP, "ณ วันที่ ๓๑ มีนาคม ๒๕๖๗")),
    shape("t10-fiscal-year-end", "'สิ้นปีบัญชี 31 มีนาคม 2567' under a co-op line with 'ทะเบียนเลขที่ 12/2520'",
          titles=(CO_OP + " ทะเบียนเลขที่ 12/2520", "รายงานลูกหนี้เงินกู้คงเหลือ สิ้นปีบัญชี 31 มีนาคม 2567")),
    shape("t11-as-of-option-overrides-title", "--as-of 2024-06-30 overrides the title's 31 มีนาคม 2567",
          args=("--as-of", "2024-06-30"), expect={"as_of": date(2024, 6, 30), "as_of_source": "option"}),
    shape("t12-as-of-option-be-year", "--as-of written with a BE year '2567-03-31'", args=("--as-of", "2567-03-31"),
          expect={"as_of_source": "option"}),
    shape("x04-title-month-only", "title with a month only 'ประจำเดือน มีนาคม 2567' (its last day)",
          titles=(CO_OP, "รายงานลูกหนี้ค้างชำระ ประจำเดือน มีนาคม 2567")),
    shape("x11-two-as-of-lines", "two 'ณ วันที่' lines: brought-forward date 1 เมษายน 2566 first, report date second",
          titles=(CO_OP, "ยอดยกมา ณ วันที่ 1 เมษายน 2566", "รายงานลูกหนี้ค้างชำระ ณ วันที่ 31 มีนาคม 2567")),

    # ---- headers and columns
    shape("h01-broken-header-cells", "line breaks, trailing spaces and '(บาท)' inside the header cells",
          header=BROKEN_HEADER),
    shape("h02-two-row-merged-header", "two-row header, 'ค้างชำระ' merged over เงินต้น/ดอกเบี้ย, the rest merged down",
          header_rows=TWO_ROW_HEADER, edit=merge("H5:I5", *(f"{c}5:{c}6" for c in "ABCDEFG"))),
    shape("h03-english-headers", "English headers in odd case 'MEMBER NO.', 'Principal Balance', English title",
          header=ENGLISH_HEADER, titles=("ABC Agricultural Co-op Ltd", "Overdue loans as of 31 March 2024")),
    shape("h04-date-header-format-hint", "due-date header with a format hint 'วันครบกำหนด (ว/ด/ป)'",
          header=header({5: "วันครบกำหนด (ว/ด/ป)"})),
    shape("h05-name-header-en-dash", "name header with an en dash 'ชื่อ – สกุล'", header=header({2: "ชื่อ – สกุล"}),
          expect={"mapped": ("name",)}),
    shape("h06-header-words-split-over-rows", "two-row header with words split over the rows (เลขทะเบียน / สมาชิก)",
          header_rows=SPLIT_WORDS_HEADER),
    shape("h07-group-column-of-numbers", "group column holding 1, 2, 3, subtotals 'รวมกลุ่มที่ 1'",
          loans=numbered_groups(), groups="column", subtotal_label="รวมกลุ่มที่ {g}"),
    shape("h08-group-column-of-names", "group column holding 'กลุ่มที่ 1 บ้านหนองบัว', subtotals 'รวม <group>'",
          groups="column"),
    shape("x01-group-numbers-no-subtotals", "group column holding 1, 2, 3 and no subtotal rows",
          loans=numbered_groups(), groups="column", subtotal=False),
    shape("x12-name-only-ledger", "member numbers under a 'หมายเหตุ' header: loans keyed by 'ชื่อสมาชิก'",
          header=header({0: "ลำดับ", 1: "หมายเหตุ", 2: "ชื่อสมาชิก"})),
    shape("x13-duplicated-header", "a second 'ดอกเบี้ยค้างชำระ' column (ปีก่อน/ปีนี้) is listed as unmapped",
          edit=second_interest_column, expect={"unmapped": ("ดอกเบี้ยค้างชำระ",)}),
    shape("x19-due-header-without-wan", "due-date header 'ครบกำหนดชำระ'", header=header({5: "ครบกำหนดชำระ"})),
    shape("e01-no-overdue-column", "no เงินต้นค้างชำระ column ('หมายเหตุ' there): overdue on the outstanding basis",
          header=header({7: "หมายเหตุ"}), expect={"basis": "outstanding", "overdue_basis": "outstanding"}),

    # ---- subtotals, grand totals, notes and signatures
    shape("b01-subtotal-member-count", "subtotal with a member count '3 ราย' in the member column",
          subtotal_count_col=1, expect=SUBTOTALS_SKIPPED),
    shape("b02-grand-total-member-count", "grand total 'รวมทั้งสิ้น' with '7 ราย' in the member column",
          grand_count_col=1, expect=GRAND_SKIPPED),
    shape("b03-grand-total-one-merged-cell", "grand total 'รวมทั้งสิ้น 7 ราย' in one cell merged over A:C",
          grand="รวมทั้งสิ้น 7 ราย", grand_col=0, subtotal_col=0, expect=GRAND_SKIPPED,
          edit=(merge("A1:I1", "A2:I2", "A3:I3"), merge_grand_a_to_c)),
    shape("b04-grand-label-first-count-in-name", "grand label in the ลำดับ column, '7 ราย' in the name column",
          grand_col=0, grand_count_col=2, subtotal_col=0, expect=GRAND_SKIPPED),
    shape("b05-grand-total-bare-ruam", "grand total labelled just 'รวม', subtotals 'รวมกลุ่มที่ 1 …'",
          grand="รวม", subtotal_label="รวม{g}", expect=GRAND_SKIPPED),
    shape("b06-grand-total-all-groups", "grand total labelled 'รวมทุกกลุ่ม'", grand="รวมทุกกลุ่ม", expect=GRAND_SKIPPED),
    shape("b07-no-grand-total", "no grand total: nothing to reconcile", grand=None, expect={"matches": None}),
    shape("b08-signatures-below-total", "note, signature block and 'ผู้จัดการ' lines below the grand total",
          footer=(text_line(), NOTE, *SIGNATURES),
          expect={"skip": {"footer:1": "below the grand total|footer", **{f"footer:{i}": "signature|below|footer"
                                                                       for i in range(2, 6)}}}),
    shape("b09-signatures-without-total", "note and signatures right below the loans, no grand total",
          grand=None, footer=(text_line(), NOTE, text_line(*SIGNATURES[0][:2]), text_line(*SIGNATURES[1][:2]),
                              text_line(None, "ผู้จัดการ")),
          expect={"matches": None, "skip": {"footer:1": "footer|note|หมายเหตุ|no amount",
                                            "footer:4": "signature|footer|no amount"}}),
    shape("b15-subtotal-label-after-group", "subtotal labelled after the group 'กลุ่มที่ 1 บ้านหนองบัว รวม'",
          subtotal_label="{g} รวม", expect=SUBTOTALS_SKIPPED),
    shape("x02-grand-total-numeric-count", "grand total with the number 7 in the member column",
          edit=put("grand", 1, 7), expect=GRAND_SKIPPED),
    shape("x03-subtotal-in-member-column", "subtotal 'รวมกลุ่มที่ 1 …' in the member column, headings in column A",
          subtotal_col=1, subtotal_label="รวม{g}", expect=SUBTOTALS_SKIPPED),
    shape("x18-subtotal-count-in-seq-column", "subtotal with 'N ราย' in the ลำดับ column, label in the name column",
          subtotal_count_col=0, expect=SUBTOTALS_SKIPPED),

    # ---- groups, members and page breaks
    shape("b10-member-on-first-loan-only", "a member's number and name on their first loan row only",
          continuation=True),
    shape("b11-page-break-with-headings", "'ยอดยกไป', repeated title and header, 'หน้า 2', 'ยอดยกมา'; heading rows",
          insert={"ส.015/2566": page_break(FIRST_MEMBER, text_line(), text_line(CO_OP), text_line("หน้า 2"),
                                           list(STD_HEADER))}),
    shape("b12-page-break-no-headings", "page break lines; groups only in the 'รวม <group>' subtotals below",
          groups="none", insert={"ส.015/2566": page_break(FIRST_MEMBER, text_line(), text_line("หน้า 2"),
                                                          list(STD_HEADER))}),
    shape("b13-carry-rows-only", "only 'ยอดยกไป'/'ยอดยกมา' carry rows; groups from the subtotals",
          groups="none", insert={"ส.015/2566": page_break(FIRST_MEMBER)}),
    shape("b14-heading-code-and-name", "group heading as code and name in two cells ('01' | 'กลุ่มที่ 1 …')",
          heading_code_col=1, heading_col=2),
    shape("b16-page-break-inside-member", "page break (blank line, header) between a member's loans, continuation rows",
          continuation=True, insert={"ส.001/2565": [text_line(), list(STD_HEADER)]}),
    shape("b17-member-number-as-number", "member numbers stored as numbers (101) not text '00101'", member_fmt=int),
    shape("x08-blank-member-number", "a loan row with a name but no member number (associate member)",
          edit=put("loan:ส.020/2566", 1, None),
          expect={"loans": replace_loan("ส.020/2566", member="นางสมศรี มีสุข")}),
    shape("x14-title-repeated-per-page", "co-op title, as-of line and header repeated at a page break (headings)",
          insert={"ก.003/2565": [text_line(), text_line(CO_OP), text_line(
              "รายงานลูกหนี้เงินกู้ค้างชำระ ณ วันที่ 31 มีนาคม 2567"), list(STD_HEADER)]}),
    shape("x16-carry-inside-member", "'ยอดยกไป'/'ยอดยกมา' between a member's loans, number on the first loan only",
          continuation=True, insert={"ส.001/2565": page_break(FIRST_LOAN, text_line(), list(STD_HEADER))}),
    shape("x17-page-number-line", "a 'หน้า 1/2' line inside the loans (heading groups)",
          insert={"ก.003/2565": [text_line("หน้า 1/2")]}),
    shape("x22-member-subtotal", "member subtotal 'รวม นายสมชาย ใจดี' after a member's two loans",
          insert={"ส.015/2566": [amounts_line("รวม นายสมชาย ใจดี", FIRST_MEMBER)]}),
    shape("x23-member-and-group-subtotals", "member subtotal 'รวม <name>' and group subtotals, no headings",
          groups="none", insert={"ส.015/2566": [amounts_line("รวม นายสมชาย ใจดี", FIRST_MEMBER)]}),
    shape("x24-group-printed-once", "group column printed once per group (suppressed duplicates), 'รวม <group>'",
          groups="column", edit=group_once),
    shape("x25-group-printed-once-no-subtotals", "group column printed once per group, no subtotals",
          groups="column", subtotal=False, edit=group_once),
    shape("x26-group-printed-once-bare-subtotal", "group column printed once, subtotals labelled a bare 'รวมกลุ่ม'",
          groups="column", subtotal_label="รวมกลุ่ม", edit=group_once),

    # ---- amounts
    shape("a01-amounts-as-text", "amounts as text '12,500.00'", amount_fmt=money),
    shape("a02-whole-baht-dash", "whole-baht amounts written '12,500.-', zero as '-'",
          loans=tuple(loan._replace(outstanding=round(loan.outstanding)) for loan in LOANS), amount_fmt=whole_baht),
    shape("a03-accounting-amounts", "'-' for zero, '(500.00)' negative, ' 1 234.50 ' grouped with spaces",
          amount_fmt=accounting),
    shape("a04-amount-unit", "amounts with a trailing unit '12,500.00 บ.'", amount_fmt=lambda x: f"{x:,.2f} บ."),
    shape("x15-trailing-minus", "a negative amount with a trailing minus '500.00-'",
          amount_fmt=lambda x: f"{-x:,.2f}-" if x < 0 else money(x)),

    # ---- dates
    shape("d01-dates-d-m-yy-be", "dates '31/3/67' (d/m/yy, BE)",
          date_fmt=lambda d: f"{d.day}/{d.month}/{(d.year + 543) % 100:02d}"),
    shape("d02-dates-dashes", "dates '31-03-2567'", date_fmt=partial(be, sep="-")),
    shape("d03-dates-be-iso", "dates '2567-03-31'", date_fmt=lambda d: f"{d.year + 543}-{d.month:02d}-{d.day:02d}"),
    shape("d04-dates-thai-short-month", "dates '31 มี.ค. 67'",
          date_fmt=lambda d: f"{d.day} {THAI_SHORT_MONTHS[d.month - 1]} {(d.year + 543) % 100:02d}"),
    shape("d05-dates-real-datetimes", "real Excel date-time cells", date_fmt=as_datetime),
    shape("d06-dates-real-be-year", "real date cells holding the BE year 2567",
          date_fmt=lambda d: datetime(d.year + 543, d.month, d.day)),
    shape("d07-dates-excel-serials", "Excel serial numbers (General format)", date_fmt=excel_serial),
    shape("d08-dates-thai-digits", "dates in Thai digits '๓๑/๐๓/๒๕๖๗'", date_fmt=lambda d: thai_digits(be(d))),
    shape("d09-old-two-digit-be-year", "an old loan due '15/01/39' (BE 2539, two digits)",
          loans=replace_loan("ก.010/2562", loan_date=date(1995, 1, 15), due=date(1996, 1, 15)),
          date_fmt=partial(be, two_digit=True)),
    shape("d10-due-date-dash", "a blank due date written '-'", loans=NO_DUE_DATE, date_fmt=be,
          edit=put("loan:ส.030/2566", 5, "-")),
    shape("d11-due-date-garbage", "due date 'ไม่ระบุ': that loan is skipped with the reason",
          date_fmt=be, edit=put("loan:ส.030/2566", 5, "ไม่ระบุ"),
          expect={"loans": replace_loan("ส.030/2566"), "matches": False,
                  "skip": {"loan:ส.030/2566": "date cannot be read"}}),
    shape("x05-due-date-zero-as-date", "due date 0 formatted as a date (shows 00/01/1900)", loans=NO_DUE_DATE,
          date_fmt=as_datetime, edit=zero_formatted_as_date),
    shape("x06-due-date-1900-text", "due date text '00/01/1900' in a CSV", loans=NO_DUE_DATE, fmt="cp874",
          edit=put("loan:ส.030/2566", 5, "00/01/1900"), **AS_TEXT),
    shape("x07-loan-date-garbage", "loan date 'ไม่ระบุ' (the due date is fine): the loan is kept",
          date_fmt=be, edit=put("loan:ก.003/2565", 4, "ไม่ระบุ")),
    shape("x20-dates-yyyymmdd-be", "dates '25670331' (yyyymmdd, BE) as text in a CSV", fmt="cp874", amount_fmt=money,
          date_fmt=lambda d: f"{d.year + 543}{d.month:02d}{d.day:02d}"),
    shape("x21-ce-dates-be-title", "due dates in CE '31/03/2024' under a BE title",
          date_fmt=lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}"),

    # ---- text files
    shape("c01-cp874-csv", "cp874 CSV with titles, CRLF, BE dates and '12,500.00'", fmt="cp874", **AS_TEXT),
    shape("c02-utf8-bom-csv", "UTF-8 CSV with a byte-order mark", fmt="utf-8-sig", **AS_TEXT),
    shape("c03-utf16-tab-text", "UTF-16 tab-separated 'Unicode text' with unquoted thousands commas",
          fmt="utf-16", **AS_TEXT),
    shape("c04-utf16-narrow-export", "UTF-16 tab text, six columns, amounts in the millions, a grand total",
          loans=scaled(40), fmt="utf-16", expect={"by_group": ANY},
          make=partial(narrow_export, header=NARROW_HEADER, amount_fields=AMOUNT_FIELDS, grand=True)),
    shape("c05-semicolon-csv", "cp874 CSV separated by ';'", fmt="semicolon", **AS_TEXT),
    shape("c06-csv-excel-serials", "Excel serial numbers as text in a UTF-8 CSV", fmt="utf-8-sig", amount_fmt=money,
          date_fmt=lambda d: str(excel_serial(d))),
    shape("c07-csv-continuation-rows", "cp874 CSV: member numbers '00101' kept, number on the first loan only",
          fmt="cp874", continuation=True, **AS_TEXT),
    shape("c08-csv-stray-byte", "cp874 CSV with a byte cp874 does not define (0xFC) before a name", fmt="cp874",
          damage=stray_byte_before("นายแดง"), **AS_TEXT),
    shape("x09-utf16-five-columns", "UTF-16 tab text, five columns (no interest), millions, no grand total",
          loans=scaled(100, interest_too=False), fmt="utf-16",
          make=partial(narrow_export, header=NARROW_HEADER[:5], amount_fields=AMOUNT_FIELDS[:2], grand=False),
          expect={"by_group": ANY, "interest_arrears": 0.0, "matches": None}),
    shape("x10-old-xls", "old .xls (BIFF) workbook with real dates, titles and subtotals", fmt="xls"),

    # ---- workbooks and options
    shape("w01-summary-sheet-first", "a summary sheet before the ledger sheet (found without --sheet)",
          edit=before("สรุป", SUMMARY_SHEET)),
    shape("w02-ledger-like-summary-sheet", "a ledger-like summary sheet first; --sheet ลูกหนี้ picks the ledger",
          edit=before("สรุป", LEDGER_LIKE_SUMMARY), args=("--sheet", "ลูกหนี้")),
    shape("e02-long-days-90", "--long-days 90: the member 91 days overdue is long overdue too",
          args=("--long-days", "90"), expect={"long_days": 90}),
    shape("e04-long-days-zero", "--long-days 0: every overdue member counts as long overdue",
          args=("--long-days", "0"), expect={"long_days": 0}),
    shape("e05-csv-ignores-sheet", "--sheet given for a CSV (no sheets) is ignored", fmt="cp874",
          args=("--sheet", "x"), **AS_TEXT),
]


@pytest.mark.parametrize("shape", SHAPES, ids=[s.id for s in SHAPES])
def test_real_shaped_ledger_gives_the_loans_figures(cli, tmp_path, shape):
    """The sheet read as kmdash reads a user's file gives the figures of the loans it was drawn from."""
    sheet = shape.sheet()
    path = save(sheet, tmp_path / f"ledger.{shape.suffix()}", shape.fmt)
    if shape.damage:
        shape.damage(path)
    run = cli("summary", path, "--json", *shape.args)
    assert run.code == 0 and "Traceback" not in run.err, f"{shape.doc}: {run.err}"
    want = expected(**{"loans": shape.loans, **shape.expect})
    assert differences(run.json, want, sheet.marks) == [], shape.doc


# ---------------------------------------------------------------- other outputs and probes


@pytest.fixture
def standard_ledger(tmp_path) -> Path:
    """The loans in the standard layout: titles, heading rows, subtotals, grand total."""
    return save(render(), tmp_path / "ledger.xlsx")


def test_plain_text_report_of_a_standard_ledger(cli, standard_ledger):
    run = cli("summary", standard_ledger)
    assert (run.code, run.err) == (0, "")
    assert f"{expected()['outstanding']:,.2f}" in run.out  # 307,000.75


def test_top_zero_lists_no_members(cli, standard_ledger):
    assert cli("summary", standard_ledger, "--json", "--top", "0").json["top_members"] == []


def test_unknown_sheet_is_one_line_naming_it(cli, standard_ledger):
    run = cli("summary", standard_ledger, "--sheet", "Sheet9")
    assert_user_error(run)
    assert "Sheet9" in run.err


@pytest.mark.parametrize("value", ["9999-12-31", "2300-01-01", "1899-12-31", "31/03/9999", "2024-02-30", "ไม่ระบุ", ""])
def test_bad_as_of_value_is_one_line_and_exit_2(cli, standard_ledger, value):
    run = cli("summary", standard_ledger, "--json", "--as-of", value)
    assert_user_error(run)
    assert f"argument --as-of: '{value}' is not a date (use YYYY-MM-DD, e.g. 2024-03-31)" in run.err


def test_bad_map_value_is_one_line_and_exit_2(cli, standard_ledger):
    run = cli("summary", standard_ledger, "--map", "foo")
    assert_user_error(run)
    assert "--map must look like HEADER=FIELD, got 'foo'" in run.err


@pytest.mark.parametrize("column, value, reason", [
    (5, datetime(2300, 1, 1), {"reason": "date cannot be read / อ่านวันที่ไม่ได้: due_date='2300-01-01'",
                               "code": "bad_date", "field": "due_date", "detail": "2300-01-01"}),
    (6, True, {"reason": "amount is not a number / จำนวนเงินอ่านไม่ได้: outstanding='true'",
               "code": "bad_amount", "field": "outstanding", "detail": "true"}),
], ids=["real-due-date-in-2300", "TRUE-in-an-amount-column"])
def test_unreadable_cell_skips_its_loan_with_the_reason(cli, tmp_path, column, value, reason):
    """A typo year in a real date cell, or a TRUE in an amount column: that loan is left out, said so, and
    the rest is summed; the grand total then no longer matches."""
    sheet = render(date_fmt=as_datetime)
    put("loan:ส.030/2566", column, value)(sheet)
    run = cli("summary", save(sheet, tmp_path / "ledger.xlsx"), "--json")
    assert (run.code, run.err) == (0, "")
    got = run.json
    loan_row = sheet.at("loan:ส.030/2566")
    assert [s for s in got["skipped"] if s["row"] == loan_row] == [{"row": loan_row, **reason}]
    assert differences(got, expected(replace_loan("ส.030/2566"), matches=False), sheet.marks) == []


def test_header_only_sheet_is_one_line_and_exit_2(cli, tmp_path):
    sheet = render()
    path = save(Sheet(sheet.rows[:sheet.at("header")]), tmp_path / "ledger.xlsx")
    run = cli("summary", path, "--json")
    assert_user_error(run)
    assert "no loan rows under the header (row 5): all 0 rows skipped" in run.err


def test_one_column_csv_is_one_line_and_exit_2(cli, tmp_path):
    run = cli("summary", save(Sheet([["a"], ["b"]]), tmp_path / "ledger.csv", "utf-8-sig"), "--json")
    assert_user_error(run)
    assert "no header row found" in run.err
