"""The plan workbook in words of its language: the about sheet in Thai row for row (what it holds, each
technique's members by its Thai name, the example grades' warning, the actions sheet's dates as Thai staff type
them), and an English masked plan's headers and codes on every sheet."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from kmdash.i18n import t
from kmdash.pipeline import run
from kmdash.plan import mask_plan, plan_table
from kmdash.privacy import aliases
from kmdash.report.plan import About, plan_csv, plan_xlsx


def test_a_thai_about_sheet_says_each_thing_in_thai(ledger_120):
    result = run(ledger_120)
    assert About.of(result) == About(result.ledger.coop, ledger_120.name, date(2024, 3, 31), example_grades=True)
    table = plan_table(result).head(7)
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


def test_an_english_masked_workbook_heads_every_sheet_in_english_and_words_its_codes(ledger_120):
    result = run(ledger_120)
    plan = plan_table(result, "en").head(4)
    plan = plan.assign(tier=["pursued", "eased", "notified", "pursued"], status=["promise", "", "contact", ""])
    masked = mask_plan(plan, aliases(plan["member"], b"key", "en"), "en")
    wb = load_workbook(io.BytesIO(plan_xlsx(masked, About.of(result), True, "en")))
    sheet = wb["Plan"]
    heads = [c.value for c in sheet[1]]
    assert heads[:3] == ["Member (alias)", "Name (masked)", "Group"] and heads[9] == "Tier" and heads[15] == "Status"
    assert [r[9] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["pursued", "eased", "notified", "pursued"]
    assert [r[15] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["Promise to pay", None, "Contact", None]
    sieving = [c.value for c in wb["1 sieving"][1]]
    assert sieving[:2] == ["Member (alias)", "Name (masked)"] and sieving[-4:] == ["Tier", "Deadline", "Status", "Notes"]


def test_a_plan_with_names_labelled_masked_is_refused_saying_how_to_mask_it(ledger_120):
    result = run(ledger_120)
    table = plan_table(result).head(2)
    for write in (lambda: plan_csv(table, True), lambda: plan_xlsx(table, About.of(result), True)):
        with pytest.raises(ValueError, match=r"^a plan labelled masked still has names: mask it with mask_plan first$"):
            write()
