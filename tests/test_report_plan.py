"""The plan workbook's about sheet in Thai, row for row: what it holds, each technique's members by its Thai
name, the example grades' warning, and the actions sheet's dates as Thai staff type them (Buddhist era)."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from kmdash.i18n import t
from kmdash.pipeline import run
from kmdash.plan import plan_table
from kmdash.report.plan import About, plan_xlsx


def test_a_thai_about_sheet_says_each_thing_in_thai(ledger_120):
    table = plan_table(run(ledger_120)).head(7)
    listed = {n: sum(str(n) in str(cell) for cell in table["techniques"]) for n in range(1, 6)}
    about = About("สหกรณ์ ก", "ledger.xlsx", date(2024, 3, 31), example_grades=True)
    rows = list(load_workbook(io.BytesIO(plan_xlsx(table, about, False)))["เกี่ยวกับไฟล์"].values)
    made = rows.pop(4)
    assert made[0] == "สร้างเมื่อ" and int(made[1].split()[2]) == date.today().year + 543
    assert rows == [
        ("หัวข้อ", "รายละเอียด"), ("สหกรณ์", "สหกรณ์ ก"), ("ไฟล์", "ledger.xlsx"), ("ข้อมูล ณ วันที่", "31 มี.ค. 2567"),
        ("เนื้อหา", "ข้อมูลจริง มีชื่อและเลขสมาชิก"), ("สมาชิกที่ค้างชำระในแผน", "7"),
        ("1 ร่อนตะแกรง", f"{listed[1]} คน ต้องกรอก: ระดับการติดตาม, วันครบกำหนดตามหนังสือ"),
        ("2 ผู้นำกลุ่ม", f"{listed[2]} คน ต้องกรอก: ผู้นำกลุ่ม"),
        ("3 มอบหมาย", f"{listed[3]} คน ต้องกรอก: ผู้รับผิดชอบ, วันครบกำหนดตามหนังสือ"),
        ("4 กองทุนหมุนเวียนกลุ่ม", f"{listed[4]} คน ต้องกรอก: รอบกองทุนหมุนเวียน"),
        ("5 จัดชั้นสมาชิก", f"{listed[5]} คน ต้องกรอก: ชั้นสมาชิก"),
        ("5 จัดชั้นสมาชิก", t("grading_plan_example")),
        ("บันทึกการดำเนินการ", t("plan_actions_about", example="31/03/2567"))]
    assert "(วันที่เขียนแบบ 31/03/2567)" in rows[-1][1]
    assert sum(listed.values()) > len(listed)  # some members under more than one technique
