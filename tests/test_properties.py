"""Properties over generated ledgers of random shape: every row read is used or skipped, never both;
every loan is used; used rows add up to the file's grand total and to the generator's totals."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import given, settings, strategies as st

from kmdash.ledger import read_ledger
from kmdash.reconcile import reconcile
from kmdash.synthetic import DATE_FORMATS, HEADERS, LedgerShape, expected_totals, generate_loans, ledger_rows

from .conftest import AS_OF, MONEY, write_rows, xlsx_bytes

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
    raw, ledger = read_ledger(file_bytes(rows, fmt))

    header_row = 5 if shape.title_rows else 1
    assert ledger.header_row == header_row
    body = set(range(header_row + 1, len(rows) + 1))
    used = list(ledger.loans["row"])
    skipped = [s["row"] for s in ledger.skipped]
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
