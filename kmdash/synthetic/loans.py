"""Canonical loans: one row per contract, as a co-op's books would hold them (the tests' ground truth).

Dates are ``datetime64[us]`` (midnight, no time zone); money is float with exactly 2 decimals,
generated as integer satang.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from ..read.headers import MONEY_FIELDS
from ..words import BE_OFFSET

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


STATUS_WORDS = ("ปกติ", "ผิดนัดชำระ", "ดำเนินคดี", "ฟ้องแล้ว", "พิพากษา", "บังคับคดี", "ปรับโครงสร้างหนี้",
                "ล้มละลาย", "ปิดบัญชี")
_STATUS_WEIGHTS = (0.55, 0.2, 0.05, 0.05, 0.04, 0.03, 0.05, 0.01, 0.02)


def with_status(loans: pd.DataFrame, seed: int = 0) -> pd.DataFrame:
    """The loans with a debt-status column as programs write it (Thai words, STATUS_WORDS)."""
    rng = np.random.default_rng(seed)
    return loans.assign(status=rng.choice(STATUS_WORDS, len(loans), p=_STATUS_WEIGHTS).astype(object))


def expected_totals(loans: pd.DataFrame) -> dict[str, float]:
    """Sum per money field, exact to the satang."""
    return {f: int(satang(loans[f]).sum()) / 100 for f in MONEY_FIELDS}


def satang(values) -> np.ndarray:
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
