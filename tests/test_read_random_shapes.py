"""Properties over generated ledgers of random shape: every row read is used or skipped, never both;
every loan is used; used rows add up to the file's grand total and to the generator's totals."""

from __future__ import annotations

import json
import tempfile
from datetime import date, datetime
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from kmdash.errors import LedgerError
from kmdash.pipeline import read, run
from kmdash.read.account import SKIP_CODES
from kmdash.reconcile import reconcile
from kmdash.report.summary import summarise
from kmdash.synthetic import (
    DATE_FORMATS,
    HEADERS,
    LedgerShape,
    expected_totals,
    generate_loans,
    ledger_rows,
)

from .support.ledgers import AS_OF, MONEY, workbook_bytes, write_rows, xlsx_bytes

shapes = st.builds(
    LedgerShape,
    header_style=st.sampled_from(sorted(HEADERS)),
    date_style=st.sampled_from(sorted(DATE_FORMATS)),
    title_rows=st.booleans(),
    subtotals=st.booleans(),
    grand_total=st.booleans(),
    signature=st.booleans(),
    text_amount_share=st.sampled_from([0.0, 0.1, 0.5, 1.0]),
    blank_rows=st.integers(0, 6),
)
formats = st.sampled_from(["xlsx", "cp874", "utf-8", "utf-8-sig", "utf-16"])


def file_bytes(rows: list[list], fmt: str) -> bytes:
    if fmt == "xlsx":
        return xlsx_bytes(rows)
    with tempfile.TemporaryDirectory() as folder:
        return write_rows(rows, Path(folder) / "ledger.csv", fmt).read_bytes()


@settings(max_examples=25, deadline=None)
@given(n_loans=st.integers(1, 80), seed=st.integers(0, 10_000), shape=shapes, fmt=formats)
def test_every_row_is_accounted_for_and_the_totals_reconcile(n_loans, seed, shape, fmt):
    loans = generate_loans(n_loans, seed=seed)
    rows = ledger_rows(loans, shape, AS_OF)
    raw = read(file_bytes(rows, fmt))
    ledger = raw.ledger

    header_row = 5 if shape.title_rows else 1
    assert ledger.header_row == header_row
    body = set(range(header_row + 1, len(rows) + 1))
    used = list(ledger.loans["row"])
    skipped = [s.row for s in ledger.skipped]
    assert ledger.rows_read == len(used) + len(skipped) == len(body)
    assert len(set(used)) == len(used) and len(set(skipped)) == len(skipped)
    assert not set(used) & set(skipped)
    assert set(used) | set(skipped) == body

    assert len(ledger.loans) == n_loans
    assert sorted(ledger.loans["contract"]) == sorted(loans["contract"])
    by_contract = ledger.loans.set_index("contract").loc[loans["contract"]]
    assert by_contract["due_date"].tolist() == pd.to_datetime(loans["due_date"]).tolist()

    totals = expected_totals(loans)
    for field in MONEY:
        assert abs(round(ledger.loans[field].sum(), 2) - totals[field]) < 0.005, field

    result = reconcile(ledger.loans, ledger.grand_total)
    if shape.grand_total:
        assert result.matches is True, result.differences
        assert set(result.file_total) == set(MONEY)
    else:
        assert (result.has_total, result.matches) == (False, None)


# Any cells at all under a known header: the reader may refuse the sheet (LedgerError) but never
# crashes, and every row it reads is used or skipped with a reason. (Run at 1,500 examples once.)
cells = st.one_of(
    st.none(), st.just(""), st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),
    st.floats(allow_nan=False, allow_infinity=False, width=32), st.integers(-10**9, 10**9),
    st.dates(min_value=date(1900, 3, 1)), st.datetimes(min_value=datetime(1900, 3, 1)),
    st.sampled_from(["รวม", "รวมทั้งสิ้น", "ยอดยกมา", "กลุ่มที่ 1", "-", "12,500.00", "(1,200.00)", "31/03/2567",
                     "ลงชื่อ", "เลขทะเบียนสมาชิก", "หน้า 2", "0", "12,500.-", "50000,50", "3 ราย"]),
)
HEADER = ["ลำดับ", "เลขทะเบียนสมาชิก", "ชื่อ - สกุล", "กลุ่ม", "วันครบกำหนดชำระ", "เงินต้นคงเหลือ", "เงินต้นค้างชำระ"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(cells, min_size=0, max_size=len(HEADER) + 1), min_size=1, max_size=25))
def test_any_cells_under_a_header_never_crash_and_every_row_is_accounted_for(body):
    try:
        result = run(workbook_bytes(["ณ วันที่ 31 มีนาคม 2567"], HEADER, *body))
    except LedgerError as error:
        assert "could not read this file" not in error.en, error.en  # refused for a reason, not by a crash
        return
    json.dumps(summarise(result), ensure_ascii=False)  # the analysis and its JSON hold too
    ledger = result.ledger
    used, skipped = set(ledger.loans["row"]), {s.row for s in ledger.skipped}
    assert not used & skipped
    assert len(used) + len(skipped) == ledger.rows_read
    assert all(s.code in SKIP_CODES for s in ledger.skipped)
