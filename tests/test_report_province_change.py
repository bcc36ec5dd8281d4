"""The province as text with a stored co-op's change since its previous snapshot: one signed line under its
row, in the row's language (a fall with a minus, no "-0.0" for a change that rounds to nothing)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from kmdash.province import Change, CoopRow, Province
from kmdash.report.province_text import format_province

ROW = CoopRow(file="snapshot:7", coop="Coop A", as_of=date(2025, 2, 24), members=152, members_overdue=79,
              members_long_overdue=25, overdue=3924007.28, outstanding=1000.0, at_risk30=384.0, at_risk90=322.0,
              top_technique=3)


def lines(change: Change, lang: str) -> list[str]:
    row = CoopRow(**{**ROW.__dict__, "change": change})
    return format_province(Province((row,), ROW, pd.DataFrame(), pd.DataFrame()), lang).splitlines()


def test_a_fall_and_a_rise_under_the_co_op_s_row():
    fell = lines(Change(date(2025, 1, 25), -256190.69, 1, -0.00004), "en")
    assert fell[2] == "  since 25 Jan 2025: overdue -256,190.69, members overdue +1, PAR30 +0.0 points"
    rose = lines(Change(date(2025, 1, 25), 1234.5, -3, 0.0251), "th")
    assert rose[2] == "  เทียบกับ 25 ม.ค. 2568: ค้างชำระ +1,234.50 บาท, สมาชิกที่ค้าง -3 คน, PAR30 +2.5 จุด"
    assert rose[1].startswith("Coop A") and len(rose) == 4


def test_a_row_without_a_change_has_no_line_under_it():
    assert len(format_province(Province((ROW,), ROW, pd.DataFrame(), pd.DataFrame()), "en").splitlines()) == 3
