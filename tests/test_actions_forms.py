"""The forms staff fill in as actions are read (kmdash.actions): rows a form typed ahead (member, technique,
person) and nothing else are no action; tables side by side on a sheet (T3's weekly report: debtors, then
contacts); every sheet's table gathered when there is no actions sheet; a bad row named with its sheet."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook

from kmdash.actions import checked, read_actions
from kmdash.errors import LedgerError

HEADERS = ["เลขสมาชิก", "วันที่ดำเนินการ", "สิ่งที่ทำ", "ผู้ดำเนินการ", "เทคนิค"]


def xlsx(sheets: dict[str, list[list]]) -> bytes:
    """A workbook of these sheets, each its rows from A1."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def contact(member: str, when: date, by: str) -> dict:
    return {"member": member, "date": when, "kind": "contact", "technique": 3, "amount": 0, "promised_date": None,
            "by": by, "note": ""}


def test_a_row_with_only_what_a_form_typed_ahead_is_no_action():
    rows = [{"member": "00017", "technique": "3 มอบหมาย", "by": "สมชาย"}, {"by": "สมชาย", "technique": 3}, {},
            {"member": "00017", "technique": "3", "by": "สมชาย", "date": "15/04/2567", "kind": "ติดต่อลูกหนี้"}]
    assert checked(rows).to_dict("records") == [contact("00017", date(2024, 4, 15), "สมชาย")]


@pytest.mark.parametrize("typed, field", [({"note": "โทรแล้ว"}, "วันที่ดำเนินการ"),
                                          ({"amount": 500}, "วันที่ดำเนินการ"), ({"date": "15/04/2567"}, "สิ่งที่ทำ")])
def test_a_form_s_row_with_anything_else_typed_is_an_action_and_checked_whole(typed, field):
    with pytest.raises(LedgerError) as error:
        checked([{}, {"member": "00017", "technique": "3", "by": "สมชาย", **typed}])
    assert error.value.th.startswith(f"แถว 2: {field} ")


def test_the_contacts_beside_the_debtors_are_read_and_the_debtors_are_not():
    data = xlsx({"สมชาย": [
        ["สมชาย: ลูกหนี้ 2 ราย", None, None, "บันทึกการติดต่อ"],
        ["เลขสมาชิก", "ชื่อ - สกุล", None, *HEADERS],
        ["00017", "นาย ก", None, "00017", "15/04/2567", "ติดต่อลูกหนี้", "สมชาย", "3 มอบหมาย"],
        ["00020", "นาง ข", None, "00020", None, None, "สมชาย", "3 มอบหมาย"]]})
    assert read_actions(data).to_dict("records") == [contact("00017", date(2024, 4, 15), "สมชาย")]


def test_every_sheet_s_table_is_gathered_in_sheet_order_and_a_bad_row_names_its_sheet():
    sheets = {"สรุป": [["ผู้รับผิดชอบ", "สมาชิก"], ["สมชาย", 1]],
              "สมชาย": [["ชื่อเรื่อง"], HEADERS, ["00017", "16/04/2567", "ติดต่อลูกหนี้", "สมชาย", "3"]],
              "มานพ": [HEADERS, ["00031", "2024-04-15", "contact", "มานพ", "3 assigned"]]}
    assert read_actions(xlsx(sheets)).to_dict("records") == [contact("00017", date(2024, 4, 16), "สมชาย"),
                                                            contact("00031", date(2024, 4, 15), "มานพ")]
    sheets["มานพ"].append(["00032", "31/02/2567", "ติดต่อลูกหนี้", "มานพ", "3"])
    with pytest.raises(LedgerError) as error:
        read_actions(xlsx(sheets), "weekly.xlsx")
    assert error.value.th.startswith("แถว 3 ในแผ่นงาน 'มานพ': วันที่ดำเนินการ '31/02/2567' ")
    assert error.value.en.startswith("row 3 of sheet 'มานพ': Date done '31/02/2567' ")


def test_a_workbook_s_actions_sheet_is_read_alone():
    sheets = {"แผนติดตามหนี้": [HEADERS, ["00017", "16/04/2567", "ติดต่อลูกหนี้", "สมชาย", "3"]],
              "actions": [HEADERS, ["00031", "15/04/2024", "Contact", "มานพ", "3"]]}
    assert read_actions(xlsx(sheets)).to_dict("records") == [contact("00031", date(2024, 4, 15), "มานพ")]


def test_headers_with_an_empty_column_between_are_one_table():
    data = xlsx({"บันทึก": [["เลขสมาชิก", None, "วันที่ดำเนินการ", "สิ่งที่ทำ", "เทคนิค", "ผู้ดำเนินการ"],
                            ["00017", "x", "15/04/2567", "ติดต่อลูกหนี้", "3", "สมชาย"]]})
    assert read_actions(data).to_dict("records") == [contact("00017", date(2024, 4, 15), "สมชาย")]


def test_a_csv_s_bad_row_is_named_by_its_number_alone():
    data = ",".join(HEADERS).encode() + "\r\n00017,15/04/2567,โทร,สมชาย,3\r\n".encode()
    with pytest.raises(LedgerError) as error:
        read_actions(data, "a.csv")
    assert error.value.th.startswith("แถว 2: สิ่งที่ทำ 'โทร' ")


def test_a_workbook_without_any_table_of_actions_is_refused():
    with pytest.raises(LedgerError) as error:
        read_actions(xlsx({"A": [["เลขสมาชิก", "ชื่อ"], ["1", "ก"]]}), "x.xlsx")
    assert error.value.code == "actions_unreadable"
