"""The province as plain text, column for column, and as JSON, rounded: a read co-op, one that could not be read,
the total."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd

from kmdash.province import Change, CoopRow, Province
from kmdash.report.province import as_json
from kmdash.report.province_text import format_province

READ = CoopRow(file="a.xlsx", coop="Coop A", as_of=date(2024, 3, 31), members=1234, members_overdue=56,
               members_long_overdue=14, overdue=1234567.891, outstanding=1000.0, at_risk30=250.0, at_risk90=100.0,
               top_technique=3)
BROKEN = CoopRow(file="b.xlsx", coop="สหกรณ์ บี", error=("ไฟล์เสีย", "a damaged file"))
TOTAL = CoopRow(file="", coop="", members=2000, members_overdue=80, members_long_overdue=8, overdue=99.5,
                outstanding=400.0, at_risk30=1.0, at_risk90=0.0)


def province() -> Province:
    return Province((READ, BROKEN), TOTAL, pd.DataFrame(), pd.DataFrame())


def line(first: str, *rest: str) -> str:
    """ASCII cells: the first left in 28 columns, the others right-aligned in theirs, one space between."""
    widths = (12, 8, 8, 16, 7, 7, 7, 4)
    return " ".join([f"{first:<28}", *(f"{c:>{w}}" for c, w in zip(rest, widths))]).rstrip()


def test_the_province_in_english_column_for_column():
    assert format_province(province(), "en").splitlines() == [
        line("Co-op", "As of", "Members", "Overdue", "Principal overdue", "PAR30", "PAR90", "Long", "Tech."),
        line("Coop A", "31 Mar 2024", "1,234", "56", "1,234,567.89", "25.0%", "10.0%", "25.0%", "3"),
        "สหกรณ์ บี" + " " * 21 + " not read: a damaged file",  # the name padded to 28 columns (a mark takes none)
        line("Province total", "", "2,000", "80", "99.50", "0.2%", "0.0%", "10.0%")]


def test_the_province_in_thai_says_the_thai_error_and_the_be_date():
    lines = format_province(province()).splitlines()
    assert lines[0].startswith("สหกรณ์") and "ณ วันที่" in lines[0]
    assert lines[1].startswith("Coop A" + " " * 22) and "31 มี.ค. 2567" in lines[1]
    assert lines[2] == "สหกรณ์ บี" + " " * 21 + " อ่านไม่ได้: ไฟล์เสีย"
    assert lines[3].startswith("รวมทั้งจังหวัด") and lines[3].endswith("10.0%")


def test_the_province_as_json_rounded_with_each_change_and_error():
    read = replace(READ, as_of_source="title", outstanding=3000.0, at_risk30=1000.0, at_risk90=2000.0,
                   members_overdue=7, members_long_overdue=1,
                   change=Change(date(2024, 2, 29), 12.5, -3, 0.0123456789))
    unchanged = replace(READ, file="c.xlsx", coop="Coop C", as_of_source="option", top_technique=None)
    total = replace(TOTAL, overdue=99.504, outstanding=400.126)
    view = Province((read, BROKEN, unchanged), total, pd.DataFrame({"coop": ["Coop A", "Coop C"]}), pd.DataFrame())
    assert as_json(view) == {
        "coops": [{"file": "a.xlsx", "coop": "Coop A", "as_of": "2024-03-31", "as_of_source": "title",
                   "members": 1234, "members_overdue": 7, "overdue": 1234567.89, "outstanding": 3000.0,
                   "par30": 0.333333, "par90": 0.666667, "long_overdue_share": 0.142857, "top_technique": 3,
                   "change": {"since": "2024-02-29", "overdue": 12.5, "members_overdue": -3, "par30": 0.012346}},
                  {"file": "b.xlsx", "coop": "สหกรณ์ บี", "error": "ไฟล์เสีย | a damaged file"},
                  {"file": "c.xlsx", "coop": "Coop C", "as_of": "2024-03-31", "as_of_source": "option",
                   "members": 1234, "members_overdue": 56, "overdue": 1234567.89, "outstanding": 1000.0,
                   "par30": 0.25, "par90": 0.1, "long_overdue_share": 0.25, "top_technique": None}],
        "total": {"coops": 2, "errors": 1, "members": 2000, "members_overdue": 80, "overdue": 99.5,
                  "outstanding": 400.13, "par30": 0.002499, "par90": 0.0, "long_overdue_share": 0.1}}
