"""T4's rotation as text and JSON, line for line: a hand-made rotation of three cycles (numbers 2 before 10),
a member over the pool, one under legal action, the smallest pool for k cycles, proven or not."""

from __future__ import annotations

import pandas as pd
import pytest

from kmdash.report.pooling.rotation import as_json, basis_line, format_rotation
from kmdash.techniques.pooling.rotation import Cycle, Rotation

DEBTS = pd.DataFrame({  # satang, as pool.debts gives them
    "member": ["00001", "00002", "00003", "00004"], "name": ["นาย หนึ่ง", "นาง สอง", "สาม", "สี่"],
    "group": ["g"] * 4, "days": [400, 1200, 35, 90], "overdue": [150000, 90050, 100000, 20000],
    "interest": [0, 0, 0, 0], "penalty": [0, 0, 0, 0], "owed": [150000, 90050, 100000, 20000]})
CYCLES = (Cycle(2, ("00002",), 90050), Cycle(10, ("00004",), 20000), Cycle(1, ("00001", "00003"), 250000))


def rotation(exact: bool = True, over=("00009",), legal=("00008", "00007")) -> Rotation:
    return Rotation(pool=250000, cycles=CYCLES, lower_bound=2, over_pool=over, legal=legal, exact=exact)


def test_the_rotation_in_english_line_for_line():
    text = format_rotation(rotation(), DEBTS, "กลุ่ม 1", 4, (123456, True), "en",
                           ("overdue", "interest_arrears", "penalty"))
    assert text.splitlines() == [
        "A pool of 2,500.00 baht · กลุ่ม 1",
        "What each member pays out of the pool: principal overdue + interest in arrears + penalty",
        "3 cycles (the fewest possible; lower bound 2)",
        "This rotation is a proposal: a member counts as refinanced only once their cycle is recorded as repaid",
        "",
        "Cycle 1: 2 members, 2,500.00 baht",
        "  00001    นาย หนึ่ง" + " " * 25 + "400       1,500.00",  # names padded to 28 columns, marks none
        "  00003    สาม" + " " * 30 + "35       1,000.00",
        "Cycle 2: 1 members, 900.50 baht",
        "  00002    นาง สอง" + " " * 23 + "1,200         900.50",
        "Cycle 10: 1 members, 200.00 baht",
        "  00004    สี่" + " " * 32 + "90         200.00",
        "",
        "1 members owe more than the pool (another technique): 00009",
        "2 members under legal action (no pool place): 00008, 00007",
        "",
        "The smallest pool that clears everyone in 4 cycles: 1,234.56 baht"]


def test_the_rotation_in_thai_says_a_quick_schedule_and_an_unproven_pool():
    lines = format_rotation(rotation(exact=False, over=(), legal=()), DEBTS, None, 3, (500000, False)).splitlines()
    assert lines[:4] == ["กองทุนหมุนเวียน 2,500.00 บาท · สมาชิกที่ค้างชำระทุกคน", "ยอดที่สมาชิกแต่ละคนชำระจากกองทุน: เงินต้นค้าง",
                         "ใช้ 3 รอบ (จัดแบบเร็ว อาจเกินรอบที่น้อยที่สุดได้ไม่เกิน 1 รอบ ขอบล่าง 2 รอบ)",
                         "ตารางหมุนเวียนนี้เป็นข้อเสนอ สมาชิกนับว่ากู้ใหม่ชำระหนี้เดิมเมื่อบันทึกว่ารอบของตนชำระคืนแล้วเท่านั้น"]
    assert lines[5] == "รอบที่ 1: 2 คน รวม 2,500.00 บาท"
    assert lines[-2:] == ["", "กองทุน 5,000.00 บาท ชำระได้ครบใน 3 รอบ (อาจมีขนาดเล็กกว่านี้ที่ใช้ได้)"]
    assert not any("ดำเนินคดี" in line or "เกินกองทุน" in line for line in lines)


def test_without_a_pool_for_k_the_rotation_ends_with_its_members():
    lines = format_rotation(rotation(over=(), legal=()), DEBTS, None, None, None, "en").splitlines()
    assert lines[-1].startswith("  00004")


@pytest.mark.parametrize("parts, words", [(("overdue",), "principal overdue"),
                                          (("outstanding", "interest_arrears"),
                                           "principal outstanding + interest in arrears")])
def test_the_basis_line_adds_up_its_parts(parts, words):
    assert basis_line(parts, "en") == f"What each member pays out of the pool: {words}"
    assert basis_line(("overdue",)) == "ยอดที่สมาชิกแต่ละคนชำระจากกองทุน: เงินต้นค้าง"


def test_the_rotation_as_json_in_baht_with_labels():
    assert as_json(rotation(), "g", 123456, "arrears", label=lambda m: f"A-{m}") == {
        "pool": 2500.0, "basis": "arrears", "group": "g",
        "cycles": [{"cycle": 2, "members": ["A-00002"], "total": 900.5}, {"cycle": 10, "members": ["A-00004"], "total": 200.0},
                   {"cycle": 1, "members": ["A-00001", "A-00003"], "total": 2500.0}],
        "lower_bound": 2, "over_pool": ["A-00009"], "pool_for_cycles": 1234.56}
    plain = as_json(rotation(), None, None, "principal")
    assert plain["pool_for_cycles"] is None and plain["over_pool"] == ["00009"] and plain["group"] is None


def test_a_quick_schedule_for_everyone_in_english():
    lines = format_rotation(rotation(exact=False, over=("00009", "00010"), legal=()), DEBTS, None, None, None,
                            "en").splitlines()
    assert lines[0] == "A pool of 2,500.00 baht · every overdue member"
    assert lines[2] == "3 cycles (a quick schedule: at most 1 above the fewest; lower bound 2)"
    assert lines[-1] == "2 members owe more than the pool (another technique): 00009, 00010"
