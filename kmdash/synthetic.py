"""Realistic synthetic co-op loan ledgers: for the shipped sample, tests and benchmarks.

`generate_loans` makes one row per loan contract (columns `FIELDS`); `ledger_rows` lays them
out the way co-op accounting programs export them (title rows, groups with subtotals, blank
rows, grand total, signature lines); `write_xlsx` / `write_csv` / `write_ledger` write files.

Dates in the loans frame are ``datetime64[us]`` (midnight, no time zone), pandas' default.
Money is float with exactly 2 decimals, generated as integer satang.
"""

from __future__ import annotations

import argparse
import codecs
import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

FIELDS = ("member_no", "name", "group", "contract", "loan_type", "loan_date", "due_date",
          "amount_lent", "outstanding", "principal_overdue", "interest_arrears", "penalty",
          "share_capital", "deposits", "guarantor")
MONEY_FIELDS = ("amount_lent", "outstanding", "principal_overdue", "interest_arrears", "penalty",
                "share_capital", "deposits")
DATE_FIELDS = ("loan_date", "due_date")

HEADERS = {
    "th": {"member_no": "เลขทะเบียนสมาชิก", "name": "ชื่อ - สกุล", "group": "กลุ่ม",
           "contract": "เลขที่สัญญา", "loan_type": "ประเภทเงินกู้", "loan_date": "วันที่กู้",
           "due_date": "วันครบกำหนดชำระ", "amount_lent": "จำนวนเงินกู้",
           "outstanding": "เงินต้นคงเหลือ", "principal_overdue": "เงินต้นค้างชำระ",
           "interest_arrears": "ดอกเบี้ยค้างชำระ", "penalty": "ค่าปรับ",
           "share_capital": "ทุนเรือนหุ้น", "deposits": "เงินฝาก", "guarantor": "ผู้ค้ำประกัน"},
    "th_alt": {"member_no": "เลขที่สมาชิก", "name": "ชื่อสมาชิก", "group": "กลุ่มสมาชิก",
               "contract": "เลขที่สัญญา", "loan_type": "ประเภทเงินกู้", "loan_date": "วันที่กู้",
               "due_date": "วันครบกำหนด", "amount_lent": "จำนวนเงินกู้",
               "outstanding": "ยอดเงินกู้คงเหลือ", "principal_overdue": "เงินต้นค้างชำระ",
               "interest_arrears": "ดอกเบี้ยค้าง", "penalty": "ค่าปรับ",
               "share_capital": "ทุนเรือนหุ้น", "deposits": "เงินฝาก", "guarantor": "ผู้ค้ำประกัน"},
    "en": {"member_no": "Member No", "name": "Member Name", "group": "Group",
           "contract": "Contract No", "loan_type": "Loan Type", "loan_date": "Loan Date",
           "due_date": "Due Date", "amount_lent": "Loan Amount", "outstanding": "Principal Balance",
           "principal_overdue": "Overdue Principal", "interest_arrears": "Interest Arrears",
           "penalty": "Penalty", "share_capital": "Share Capital", "deposits": "Deposits",
           "guarantor": "Guarantor"},
}

TH_MONTHS = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
             "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
TH_MONTHS_ABBR = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.",
                  "ต.ค.", "พ.ย.", "ธ.ค.")
BE_OFFSET = 543

DATE_FORMATS = {
    "be_text": lambda d: f"{d.day:02d}/{d.month:02d}/{d.year + BE_OFFSET}",
    "ce_iso": lambda d: d.isoformat(),
    "be_thai_month": lambda d: f"{d.day} {TH_MONTHS_ABBR[d.month - 1]} {d.year + BE_OFFSET}",
    "excel": lambda d: d,
}

GRAND_TOTAL_LABEL = "รวมทั้งสิ้น"
SUBTOTAL_PREFIX = "รวม "
SIGNATURES = ("ลงชื่อ ............ ผู้จัดทำ", "ลงชื่อ ............ ผู้จัดการ")
REPORT_NAME = "รายงานลูกหนี้เงินกู้คงเหลือ"

LOAN_TYPES = ("ระยะสั้น", "ระยะปานกลาง", "ระยะยาว")
_CONTRACT_PREFIX = ("สส.", "สป.", "สย.")
_TERM_DAYS = ((180, 366), (366, 1826), (1826, 5476))   # [low, high) per loan type
_MEDIAN_BAHT = (30_000, 100_000, 250_000)
_GUARANTOR_SHARE = (0.4, 0.8, 0.95)
# days overdue ranges and how often each is drawn for a past-due loan
_OVERDUE_RANGES = ((1, 30), (31, 90), (91, 180), (181, 365), (366, 730), (731, 1095), (1096, 1825))
_OVERDUE_WEIGHTS = (0.20, 0.18, 0.15, 0.15, 0.13, 0.09, 0.10)
# as_of - due_date for loans forced onto the aging-bucket edges, most important first
_EDGE_DAYS = (0, 1, 30, 31, 90, 91, 365, 366, 180, 181, 730, 731, 1095, 1096)

_MALE = ("สมชาย", "สมศักดิ์", "ประเสริฐ", "บุญมี", "สุรชัย", "วิชัย", "ธนากร", "อนุชา",
         "ชัยวัฒน์", "สมบัติ", "บุญเลิศ", "ทองดี", "สุริยา", "ประยุทธ", "เกรียงไกร", "วีระ",
         "สมพงษ์", "มานพ", "สุวิทย์", "อำนาจ")
_FEMALE = ("สมศรี", "มาลี", "บุญเรือน", "สุดา", "วันเพ็ญ", "ประไพ", "จันทร์เพ็ญ", "สมพร",
           "ทองใบ", "นงลักษณ์", "อรุณี", "รัตนา", "พิมพา", "กาญจนา", "สายสุนีย์", "ลำดวน",
           "บัวผัน", "อุไรวรรณ", "สุนันทา", "เพ็ญศรี")
_SURNAMES = ("ใจดี", "ศรีสุข", "บุญมา", "แก้วมณี", "ทองคำ", "สุขใจ", "พรหมมา", "จันทร์หอม",
             "ศรีสวัสดิ์", "วงศ์ใหญ่", "มีสุข", "แสงทอง", "ภูมิใจ", "สายบุญ", "คำแก้ว", "ชัยมงคล",
             "บุญประเสริฐ", "รักษาพล", "นามวงศ์", "ศรีวิไล", "พลศักดิ์", "อินทร์แก้ว",
             "สุวรรณรัตน์", "ทองสุข", "ดวงดี", "เพชรรัตน์", "โพธิ์ศรี", "บัวแก้ว", "ขันทอง",
             "หอมจันทร์")
_VILLAGES = ("หนองบัว", "โนนสูง", "ดอนแก้ว", "ห้วยทราย", "นาคำ", "โคกกลาง", "หนองแวง",
             "บ่อทอง", "ท่าช้าง", "สันทราย", "ป่าแดง", "หนองไผ่", "โพธิ์งาม", "ดงเย็น", "นาดี",
             "ทุ่งใหญ่", "คลองหลวง", "วังน้ำเย็น", "โนนสะอาด", "ดอนมูล", "ห้วยยาง", "ศรีสุข",
             "หัวนา", "กุดจิก", "หนองคู", "นาโพธิ์", "เหล่าใหญ่", "โคกสว่าง", "ป่าตาล",
             "ทุ่งโพธิ์", "ไร่ใต้", "สระแก้ว", "หนองเม็ก", "ดอนตูม", "ทรายมูล", "ขามเรียง",
             "แม่กา", "ห้วยบง", "นาเจริญ", "โนนทอง")
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


# ---------------------------------------------------------------- loans


def generate_loans(n_loans: int, seed: int = 0, as_of: date = date(2024, 3, 31),
                   n_groups: int | None = None) -> pd.DataFrame:
    """One row per loan contract, columns FIELDS, sorted by member_no then loan_date.

    Dates are datetime64[us]. Every aging bucket is populated, some loans fall exactly on
    bucket edges (due_date == as_of - d for d in _EDGE_DAYS; those due on as_of still carry
    principal overdue but are not overdue by rule), and a few past-due loans were paid on time
    (principal_overdue 0). share_capital and deposits are per member, on the member's first
    loan row only (0 on the others), so summing rows gives member totals.
    """
    if n_loans < 1:
        raise ValueError("n_loans must be at least 1")
    rng = np.random.default_rng(seed)
    n_groups = n_groups or max(3, min(40, n_loans // 40))
    owner, n_members = _loan_owners(rng, n_loans)
    members = _members(rng, n_members, n_groups)
    loan_type = rng.choice(3, n_loans, p=[0.5, 0.3, 0.2])
    term = rng.integers(np.take([t[0] for t in _TERM_DAYS], loan_type),
                        np.take([t[1] for t in _TERM_DAYS], loan_type))
    days_over, edge = _days_overdue(rng, members["group"][owner], n_groups, term)
    due = np.datetime64(as_of, "D") - days_over.astype("timedelta64[D]")
    loan_date = due - term.astype("timedelta64[D]")
    money = _loan_money(rng, loan_type, days_over, edge)
    money["share_capital"] = members["share_capital"][owner]
    money["deposits"] = members["deposits"][owner]
    frame = pd.DataFrame({
        "member_no": members["member_no"][owner],
        "name": members["name"][owner],
        "group": members["group_name"][owner],
        "contract": _contracts(loan_type, loan_date),
        "loan_type": np.take(LOAN_TYPES, loan_type),
        "loan_date": loan_date.astype("datetime64[us]"),
        "due_date": due.astype("datetime64[us]"),
        **{f: money[f] / 100 for f in MONEY_FIELDS},
        "guarantor": _guarantors(rng, owner, loan_type, members["name"]),
    })
    frame = frame.sort_values(["member_no", "loan_date"], kind="stable").reset_index(drop=True)
    frame.loc[frame["member_no"].duplicated(), ["share_capital", "deposits"]] = 0.0
    return frame


def expected_totals(loans: pd.DataFrame) -> dict[str, float]:
    """Sum per money field, exact to the satang."""
    return {f: int(_satang(loans[f]).sum()) / 100 for f in MONEY_FIELDS}


def _satang(values) -> np.ndarray:
    return np.rint(np.asarray(values, dtype=float) * 100).astype(np.int64)


def _loan_owners(rng, n_loans: int) -> tuple[np.ndarray, int]:
    """Member index per loan (sorted): about n_loans/1.6 members with 1-3 loans each."""
    n_members = max(1, round(n_loans / 1.6))
    extra = n_loans - n_members
    with_three = extra // 4
    counts = np.ones(n_members, dtype=np.int64)
    second = rng.choice(n_members, extra - with_three, replace=False)
    counts[second] += 1
    counts[rng.choice(second, with_three, replace=False)] += 1
    return np.repeat(np.arange(n_members), counts), n_members


def _members(rng, n: int, n_groups: int) -> dict[str, np.ndarray]:
    numbers = np.sort(rng.choice(n * 5 // 4 + 10, n, replace=False)) + 1
    width = max(5, len(str(numbers.max())))
    male = rng.random(n) < 0.5
    title = np.where(male, "นาย", np.where(rng.random(n) < 0.6, "นาง", "นางสาว"))
    given = np.where(male, np.take(_MALE, rng.integers(0, len(_MALE), n)),
                     np.take(_FEMALE, rng.integers(0, len(_FEMALE), n)))
    surname = np.take(_SURNAMES, rng.integers(0, len(_SURNAMES), n))
    group = rng.choice(n_groups, n, p=rng.dirichlet(np.full(n_groups, 3.0)))
    cover = rng.permutation(n)[:n_groups]          # every group gets a member when possible
    group[cover] = np.arange(len(cover))
    group_names = np.array([f"กลุ่มที่ {i + 1} บ้าน{_VILLAGES[i % len(_VILLAGES)]}"
                            for i in range(n_groups)], dtype=object)
    shares = np.clip(rng.lognormal(np.log(800), 0.9, n), 50, 10_000).astype(np.int64)
    deposits = np.rint(np.clip(rng.lognormal(np.log(15_000), 1.2, n), 100, 2_000_000) * 100)
    return {
        "member_no": np.char.zfill(numbers.astype(str), width).astype(object),
        "name": title.astype(object) + " " + given.astype(object) + " " + surname.astype(object),
        "group": group,
        "group_name": group_names[group],
        "share_capital": shares * 10 * 100,       # 10-baht shares, in satang
        "deposits": np.where(rng.random(n) < 0.55, deposits, 0).astype(np.int64),
    }


def _days_overdue(rng, group, n_groups: int, term) -> tuple[np.ndarray, np.ndarray]:
    """as_of - due_date per loan (<= 0: not due), and the mask of forced edge loans."""
    n = len(group)
    risk = rng.uniform(0.4, 1.6, n_groups)[group]     # some groups repay worse
    past = rng.random(n) < np.clip(0.42 * risk, 0.05, 0.9)
    bucket = rng.choice(len(_OVERDUE_RANGES), n, p=_OVERDUE_WEIGHTS)
    lo, hi = (np.take([r[i] for r in _OVERDUE_RANGES], bucket) for i in (0, 1))
    ahead = rng.integers(0, np.minimum(term, 731))   # keeps loan_date before as_of
    days = np.where(past, rng.integers(lo, hi + 1), -ahead)
    per_edge = max(1, n // 200)
    edge_days = np.tile(_EDGE_DAYS, per_edge)[: n // 4]
    edge_idx = rng.permutation(n)[: len(edge_days)]
    days[edge_idx] = edge_days
    edge = np.zeros(n, dtype=bool)
    edge[edge_idx] = True
    return days, edge


def _loan_money(rng, loan_type, days_over, edge) -> dict[str, np.ndarray]:
    """Integer satang per money column (share capital and deposits come per member)."""
    n = len(loan_type)
    baht = rng.lognormal(np.log(np.take(_MEDIAN_BAHT, loan_type)), 0.7)
    baht = np.where(baht >= 20_000, np.rint(baht / 1000) * 1000, np.rint(baht / 500) * 500)
    lent = (np.clip(baht, 5_000, 500_000) * 100).astype(np.int64)
    untouched = rng.random(n) < np.where(loan_type == 0, 0.7, 0.15)
    outstanding = np.floor(lent * np.where(untouched, 1.0, rng.uniform(0.2, 1.0, n)))
    outstanding = outstanding.astype(np.int64)
    paid = _paid_on_time(rng, (days_over > 0) & ~edge)
    owed = (days_over >= 0) & ~paid
    part = np.floor(outstanding * rng.uniform(0.1, 1.0, n)).astype(np.int64)
    overdue = np.where(owed, np.maximum(np.where(loan_type == 0, outstanding, part), 1), 0)
    outstanding = np.where(paid & (loan_type == 0), 0, outstanding)
    years = np.clip(days_over, 30, 1095) / 365
    interest = np.where(owed, overdue * 0.06 * years * rng.uniform(0.5, 1.0, n), 0)
    accrued = (days_over < 0) & (rng.random(n) < 0.15)
    interest = np.where(accrued, outstanding * 0.06 * rng.uniform(0.05, 0.5, n), interest)
    fined = owed & (days_over > 30) & (rng.random(n) < 0.4)
    penalty = np.where(fined, np.rint(overdue * rng.uniform(0.005, 0.03, n) / 100) * 100, 0)
    return {"amount_lent": lent, "outstanding": outstanding, "principal_overdue": overdue,
            "interest_arrears": np.rint(interest).astype(np.int64),
            "penalty": penalty.astype(np.int64)}


def _paid_on_time(rng, candidates) -> np.ndarray:
    """About 4% (at least one) of the candidate past-due loans, marked as fully paid."""
    idx = np.flatnonzero(candidates)
    k = min(len(idx), max(1, round(0.04 * len(idx))))
    paid = np.zeros(len(candidates), dtype=bool)
    paid[rng.choice(idx, k, replace=False)] = True
    return paid


def _contracts(loan_type, loan_date) -> np.ndarray:
    """Unique "สส.66/00042": prefix by type, BE year of the loan, running number."""
    yy = (loan_date.astype("datetime64[Y]").astype(np.int64) + 1970 + BE_OFFSET) % 100
    seq = (pd.DataFrame({"key": loan_type * 100 + yy, "day": loan_date})
           .sort_values("day", kind="stable").groupby("key").cumcount().sort_index() + 1)
    return (np.take(_CONTRACT_PREFIX, loan_type).astype(object)
            + np.char.zfill(yy.astype(str), 2).astype(object) + "/"
            + np.char.zfill(seq.to_numpy().astype(str), 5).astype(object))


def _guarantors(rng, owner, loan_type, names) -> np.ndarray:
    n, n_members = len(owner), len(names)
    if n_members < 2:
        return np.full(n, "", dtype=object)
    other = (owner + 1 + rng.integers(0, n_members - 1, n)) % n_members
    has = rng.random(n) < np.take(_GUARANTOR_SHARE, loan_type)
    return np.where(has, names[other], "")


# ---------------------------------------------------------------- sheet layout


def ledger_rows(loans: pd.DataFrame, shape: LedgerShape, as_of: date,
                coop_name: str = "สหกรณ์การเกษตรตัวอย่าง จำกัด") -> list[list]:
    """The whole sheet as rows of cells (str, float, datetime.date or None), equal width."""
    fields = [f for f in FIELDS if f not in shape.drop_fields]
    header = [(shape.rename or {}).get(f, HEADERS[shape.header_style][f]) for f in fields]
    header += [shape.extra_column] if shape.extra_column else []
    width = len(header)
    label_col = fields.index("name") if "name" in fields else 0
    rng = np.random.default_rng(0)
    loans = _sorted_by_group(loans)
    satang = {f: _satang(loans[f]) for f in fields if f in MONEY_FIELDS}

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
    return f"ณ วันที่ {as_of.day} {TH_MONTHS[as_of.month - 1]} {as_of.year + BE_OFFSET}"


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
    cells = (_satang(values) / 100).astype(object)
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


# ---------------------------------------------------------------- writers


def write_xlsx(rows: list[list], path, sheet_name: str = "ลูกหนี้เงินกู้") -> None:
    """Write-only openpyxl; date cells get a dd/mm/yyyy number format."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_name)
    for row in rows:
        ws.append([_xlsx_date(ws, v) if isinstance(v, date) else v for v in row])
    wb.save(path)


def _xlsx_date(ws, value: date) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.number_format = "dd/mm/yyyy"
    return cell


def write_csv(rows: list[list], path, encoding: str = "cp874") -> None:
    """Comma-separated; tab-separated for utf-16 (Excel "Unicode text"). Dates as be_text."""
    delimiter = "\t" if codecs.lookup(encoding).name.startswith("utf-16") else ","
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(
            [_csv_cell(v) for v in row] for row in rows)


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, date):
        return DATE_FORMATS["be_text"](value)
    return str(value)


def write_ledger(loans: pd.DataFrame, path, shape: LedgerShape = LedgerShape(),
                 as_of: date = date(2024, 3, 31), encoding: str = "cp874") -> None:
    """Lay out and write by path suffix: .xlsx or .csv."""
    suffix = Path(path).suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ValueError(f"unsupported ledger file type: {suffix!r}")
    rows = ledger_rows(loans, shape, as_of)
    if suffix == ".xlsx":
        write_xlsx(rows, path)
    else:
        write_csv(rows, path, encoding)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m kmdash.synthetic",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--loans", type=int, default=600)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    loans = generate_loans(args.loans, args.seed)
    en = LedgerShape(header_style="en", date_style="ce_iso", title_rows=False,
                     signature=False, extra_column="Notes")
    outputs = [("ledger_th.xlsx", LedgerShape()),
               ("ledger_th_cp874.csv", LedgerShape(date_style="be_text")),
               ("ledger_en.xlsx", en)]
    for name, shape in outputs:
        write_ledger(loans, args.out_dir / name, shape)
        print(args.out_dir / name)


if __name__ == "__main__":
    main()
