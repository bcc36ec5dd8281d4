"""Six generated co-ops, each written in the shape of another accounting program's export, for the
province tests: the generator's loans beside each file, so every figure is checked against them; a co-op's
row of the province view as the independent figures give it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kmdash.synthetic import (
    LedgerShape,
    generate_loans,
    html_table,
    ledger_rows,
    with_status,
    write_csv,
    write_xlsx,
)

from .figures import baht_equal, expected_figures, fraction_equal
from .ledgers import AS_OF, xls_bytes

OTHER_PROGRAM = {"member_no": "รหัสสมาชิก", "name": "ชื่อสกุล", "loan_date": "วันที่ทำสัญญา", "amount_lent": "วงเงินกู้",
                 "outstanding": "ต้นเงินกู้คงเหลือ", "principal_overdue": "ต้นเงินค้างชำระ", "loan_type": "ประเภทหลัก",
                 "status": "สถานะสัญญา"}
LINE_BREAKS = {"member_no": "สมาชิก\nเลขทะเบียน", "principal_overdue": "เงินต้น\nค้างชำระ"}


@dataclass
class Coop:
    shape: str
    path: Path
    loans: pd.DataFrame
    name: str  # the co-op's name as the province view must give it
    titled: bool = True


def _rows(loans, shape: LedgerShape, name: str) -> list[list]:
    return ledger_rows(loans, shape, AS_OF, coop_name=name)


def six_coops(folder: Path, n_loans: int = 150) -> list[Coop]:
    """xlsx with titles, old .xls, cp874 CSV without titles, text amounts, HTML .xls, another program's headers."""
    loans = [generate_loans(n_loans, seed=40 + i) for i in range(6)]
    loans[5] = with_status(loans[5], seed=5)
    names = [f"สหกรณ์การเกษตรอำเภอที่ {i + 1} จำกัด" for i in range(6)]
    names[5] = "กลุ่มเกษตรกรทำนาบ้านใหม่"
    coops = []

    def add(shape: str, file: str, data, i: int, titled: bool = True):
        path = folder / file
        path.write_bytes(data) if isinstance(data, bytes) else data(path)
        coops.append(Coop(shape, path, loans[i], names[i] if titled else path.stem, titled))

    add("xlsx", "coop1.xlsx", lambda p: write_xlsx(_rows(loans[0], LedgerShape(date_style="excel"), names[0]), p), 0)
    add("xls", "coop2.xls", xls_bytes(_rows(loans[1], LedgerShape(date_style="excel"), names[1])), 1)
    add("csv", "สหกรณ์สาม.csv", lambda p: write_csv(_rows(loans[2], LedgerShape(title_rows=False), names[2]), p), 2,
        titled=False)
    add("text_amounts", "coop4.xlsx", lambda p: write_xlsx(
        _rows(loans[3], LedgerShape(text_amount_share=1.0, date_style="be_thai_month"), names[3]), p), 3)
    add("html", "coop5.xls", html_table(_rows(loans[4], LedgerShape(rename=LINE_BREAKS), names[4])), 4)
    add("other_program", "coop6.xlsx", lambda p: write_xlsx(
        _rows(loans[5], LedgerShape(header_style="th_alt", rename=OTHER_PROGRAM), names[5]), p), 5)
    return coops


def expected_row(loans: pd.DataFrame) -> dict:
    e = expected_figures(loans, AS_OF)
    share = e["members_long_overdue"] / e["members_overdue"] if e["members_overdue"] else 0.0
    return {**{k: e[k] for k in ("members", "members_overdue", "overdue", "outstanding", "par30", "par90")},
            "long_overdue_share": share}


def assert_row(got: dict, want: dict) -> None:
    assert (got["members"], got["members_overdue"]) == (want["members"], want["members_overdue"])
    for key in ("overdue", "outstanding"):
        assert baht_equal(got[key], want[key]), (key, got[key], want[key])
    for key in ("par30", "par90", "long_overdue_share"):
        assert fraction_equal(got[key], want[key]), (key, got[key], want[key])
