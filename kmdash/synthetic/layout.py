"""Canonical loans laid out as co-op accounting programs export them: title rows, groups with subtotals,
blank rows, a grand total, signature lines; header names and date styles of several programs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from ..read.headers import DATE_FIELDS, MONEY_FIELDS
from ..words import BE_OFFSET, THAI_MONTHS, THAI_MONTHS_SHORT
from .loans import satang as to_satang

# The export's column order (the reader takes any order).
COLUMNS = ("member_no", "name", "group", "contract", "loan_type", "loan_date", "due_date",
           "amount_lent", "outstanding", "principal_overdue", "interest_arrears", "penalty",
           "share_capital", "deposits", "guarantor", "status")

HEADERS = {
    "th": {"member_no": "เลขทะเบียนสมาชิก", "name": "ชื่อ - สกุล", "group": "กลุ่ม",
           "contract": "เลขที่สัญญา", "loan_type": "ประเภทเงินกู้", "loan_date": "วันที่กู้",
           "due_date": "วันครบกำหนดชำระ", "amount_lent": "จำนวนเงินกู้",
           "outstanding": "เงินต้นคงเหลือ", "principal_overdue": "เงินต้นค้างชำระ",
           "interest_arrears": "ดอกเบี้ยค้างชำระ", "penalty": "ค่าปรับ",
           "share_capital": "ทุนเรือนหุ้น", "deposits": "เงินฝาก", "guarantor": "ผู้ค้ำประกัน",
           "status": "สถานะหนี้"},
    "th_alt": {"member_no": "เลขที่สมาชิก", "name": "ชื่อสมาชิก", "group": "กลุ่มสมาชิก",
               "contract": "เลขที่สัญญา", "loan_type": "ประเภทเงินกู้", "loan_date": "วันที่กู้",
               "due_date": "วันครบกำหนด", "amount_lent": "จำนวนเงินกู้",
               "outstanding": "ยอดเงินกู้คงเหลือ", "principal_overdue": "เงินต้นค้างชำระ",
               "interest_arrears": "ดอกเบี้ยค้าง", "penalty": "ค่าปรับ",
               "share_capital": "ทุนเรือนหุ้น", "deposits": "เงินฝาก", "guarantor": "ผู้ค้ำประกัน",
               "status": "สถานะสัญญา"},
    "en": {"member_no": "Member No", "name": "Member Name", "group": "Group",
           "contract": "Contract No", "loan_type": "Loan Type", "loan_date": "Loan Date",
           "due_date": "Due Date", "amount_lent": "Loan Amount", "outstanding": "Principal Balance",
           "principal_overdue": "Overdue Principal", "interest_arrears": "Interest Arrears",
           "penalty": "Penalty", "share_capital": "Share Capital", "deposits": "Deposits",
           "guarantor": "Guarantor", "status": "Status"},
}


DATE_FORMATS = {
    "be_text": lambda d: f"{d.day:02d}/{d.month:02d}/{d.year + BE_OFFSET}",
    "ce_iso": lambda d: d.isoformat(),
    "be_thai_month": lambda d: f"{d.day} {THAI_MONTHS_SHORT[d.month - 1]} {d.year + BE_OFFSET}",
    "excel": lambda d: d,
}

GRAND_TOTAL_LABEL = "รวมทั้งสิ้น"
SUBTOTAL_PREFIX = "รวม "
SIGNATURES = ("ลงชื่อ ............ ผู้จัดทำ", "ลงชื่อ ............ ผู้จัดการ")
REPORT_NAME = "รายงานลูกหนี้เงินกู้คงเหลือ"

_NOTES = ("ผ่อนผันถึงสิ้นปีบัญชี", "ส่งหนังสือแจ้งแล้ว", "ฟ้องศาลแล้ว", "ขยายเวลาชำระหนี้",
          "ติดตามแล้ว นัดชำระ")


@dataclass(frozen=True)
class LedgerShape:
    """How a ledger file is laid out; each field mimics one habit of real exports."""

    header_style: str = "th"          # key of HEADERS
    date_style: str = "be_text"       # key of DATE_FORMATS; "excel" = real date cells
    title_rows: bool = True           # co-op name, report name, as-of date, blank row
    subtotals: bool = True            # "รวม <group>" row after each group
    grand_total: bool = True          # "รวมทั้งสิ้น" row after all groups
    signature: bool = True            # blank row + two "ลงชื่อ ..." rows at the end
    text_amount_share: float = 0.1    # share of money cells written as "12,500.00" text
    blank_rows: int = 2               # fully blank rows scattered between data rows
    extra_column: str | None = "หมายเหตุ"   # mostly empty column after the known ones
    drop_fields: tuple = ()           # fields left out of the file
    rename: dict | None = None        # {field: header text} overrides

    def __post_init__(self):
        if self.header_style not in HEADERS:
            raise ValueError(f"header_style must be one of {sorted(HEADERS)}")
        if self.date_style not in DATE_FORMATS:
            raise ValueError(f"date_style must be one of {sorted(DATE_FORMATS)}")


def ledger_rows(loans: pd.DataFrame, shape: LedgerShape, as_of: date,
                coop_name: str = "สหกรณ์การเกษตรตัวอย่าง จำกัด") -> list[list]:
    """The whole sheet as rows of cells (str, float, datetime.date or None), equal width; a column per field
    the loans hold (the status only where they have one)."""
    fields = [f for f in COLUMNS if f not in shape.drop_fields and f in loans]
    header = [(shape.rename or {}).get(f, HEADERS[shape.header_style][f]) for f in fields]
    header += [shape.extra_column] if shape.extra_column else []
    width = len(header)
    label_col = fields.index("name") if "name" in fields else 0
    rng = np.random.default_rng(0)
    loans = _sorted_by_group(loans)
    satang = {f: to_satang(loans[f]) for f in fields if f in MONEY_FIELDS}

    def total_row(label, sums):
        row = [None] * width
        row[label_col] = label
        for f, s in sums.items():
            row[fields.index(f)] = int(s) / 100
        return row

    def text_row(text):
        row = [None] * width
        row[label_col] = text
        return row

    rows = _title_rows(coop_name, as_of, width) if shape.title_rows else []
    rows.append(header)
    rows += _body(loans, fields, shape, rng, width, satang, total_row)
    if shape.grand_total:
        rows.append(total_row(GRAND_TOTAL_LABEL, {f: s.sum() for f, s in satang.items()}))
    if shape.signature:
        rows += [[None] * width] + [text_row(s) for s in SIGNATURES]
    return rows


def as_of_title(as_of: date) -> str:
    """"ณ วันที่ 31 มีนาคม 2567"."""
    return f"ณ วันที่ {as_of.day} {THAI_MONTHS[as_of.month - 1]} {as_of.year + BE_OFFSET}"


def _title_rows(coop_name: str, as_of: date, width: int) -> list[list]:
    pad = [None] * (width - 1)
    return [[coop_name] + pad, [REPORT_NAME] + pad, [as_of_title(as_of)] + pad, [None] * width]


def _sorted_by_group(loans: pd.DataFrame) -> pd.DataFrame:
    """By group number ("กลุ่มที่ 2" before "กลุ่มที่ 10"), group name, member_no."""
    number = loans["group"].str.extract(r"(\d+)", expand=False).astype(float)
    order = (loans.assign(_n=number)
             .sort_values(["_n", "group", "member_no"], kind="stable").index)
    return loans.loc[order].reset_index(drop=True)


def _body(loans, fields, shape, rng, width, satang, total_row) -> list[list]:
    """Data rows with a subtotal after each group and blank rows scattered inside groups."""
    data = _data_rows(loans, fields, shape, rng, width)
    n = len(data)
    if not n:
        return []
    group = loans["group"].to_numpy()
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    ends = np.r_[starts[1:], n]
    inner = np.setdiff1d(np.arange(1, n), starts)
    blanks = set(rng.choice(inner, min(shape.blank_rows, len(inner)), replace=False).tolist())
    sums = {f: np.add.reduceat(s, starts) for f, s in satang.items()}
    out, prev, g = [], 0, 0
    for cut in sorted(blanks | set(ends.tolist())):
        out += data[prev:cut]
        prev = cut
        if cut in blanks:
            out.append([None] * width)
            continue
        if shape.subtotals:
            out.append(total_row(SUBTOTAL_PREFIX + group[starts[g]],
                                 {f: s[g] for f, s in sums.items()}))
        g += 1
    return out


def _data_rows(loans, fields, shape, rng, width) -> list[list]:
    cells = np.empty((len(loans), width), dtype=object)
    as_text = rng.random((len(loans), len(MONEY_FIELDS))) < shape.text_amount_share
    for i, f in enumerate(fields):
        if f in MONEY_FIELDS:
            cells[:, i] = _money_cells(loans[f], as_text[:, MONEY_FIELDS.index(f)])
        elif f in DATE_FIELDS:
            cells[:, i] = _date_cells(loans[f], shape.date_style)
        else:
            cells[:, i] = _text_cells(loans[f])
    if shape.extra_column:
        noted = rng.random(len(loans)) < 0.04
        cells[noted, -1] = np.take(_NOTES, rng.integers(0, len(_NOTES), noted.sum()))
    return cells.tolist()


def _money_cells(values, as_text) -> np.ndarray:
    cells = (to_satang(values) / 100).astype(object)
    cells[as_text] = [f"{x:,.2f}" for x in cells[as_text]]
    return cells


def _date_cells(values, style: str) -> np.ndarray:
    """Formats each distinct date once; NaT becomes None."""
    days = pd.to_datetime(values).to_numpy().astype("datetime64[D]")
    uniq, inverse = np.unique(days, return_inverse=True)
    fmt = DATE_FORMATS[style]
    labels = np.empty(len(uniq), dtype=object)
    labels[:] = [None if np.isnat(d) else fmt(d.astype(object)) for d in uniq]
    return labels[inverse]


def _text_cells(values) -> np.ndarray:
    cells = values.to_numpy(dtype=object)
    cells[pd.isna(values).to_numpy() | (cells == "")] = None
    return cells
