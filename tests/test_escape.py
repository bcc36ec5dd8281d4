"""Spreadsheet text never starts a formula (kmdash.report.escape), checked on any text hypothesis makes."""

from __future__ import annotations

import csv
import io

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from kmdash.report.escape import DANGEROUS, neutralise, neutralise_column
from kmdash.plan import columns
from kmdash.report.plan import plan_csv

# texts that start with each dangerous character are drawn often, not left to chance
texts = st.one_of(st.text(), st.tuples(st.sampled_from(DANGEROUS), st.text()).map("".join))


@given(texts)
def test_no_text_starts_a_formula_and_the_original_is_recoverable(text):
    out = neutralise(text)
    assert not out.startswith(DANGEROUS)
    assert out == text if not text.startswith(DANGEROUS) else out == "'" + text


@given(st.lists(st.one_of(texts, st.none())))
def test_the_column_form_is_the_same_function(values):
    got = neutralise_column(pd.Series(values, dtype=object)).tolist()
    assert got == [neutralise(v if v is not None else "") for v in values]


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@settings(max_examples=50, deadline=None)  # a whole CSV per example; a shared machine
@given(st.lists(st.tuples(texts, texts, st.floats(-1e9, 1e9)), min_size=1, max_size=20))
def test_no_csv_cell_starts_a_formula_unless_it_is_a_number(rows):
    table = pd.DataFrame({c: [""] * len(rows) for c in columns()})
    table["member"] = [f"{i:05d}" for i in range(len(rows))]
    table["name"] = [r[0] for r in rows]
    table["group"] = [r[1] for r in rows]
    table["days"] = list(range(len(rows)))
    table["overdue"] = [r[2] for r in rows]
    table["interest"] = [-r[2] for r in rows]
    parsed = list(csv.reader(io.StringIO(plan_csv(table, False).decode("utf-8-sig"), newline="")))
    for row in parsed[1:]:
        assert all(not cell.startswith(DANGEROUS) or _is_number(cell) for cell in row), row
    names = [row[1] for row in parsed[1:]]
    assert [n[1:] if n != r[0] else n for n, r in zip(names, rows)] == [r[0] for r in rows]


def test_a_frame_as_csv_has_no_text_cell_or_header_that_starts_a_formula_and_numbers_as_they_are():
    from kmdash.report.escape import safe_csv

    frame = pd.DataFrame({"=name": ["=1+1", "สมชาย", None, "@sum", "-x"], "amount": [-12.5, 1.0, 2.0, 0.0, 3.25],
                          "note": pd.Series(["+a", "b", "\tc", "", "d"], dtype="string")})
    data = safe_csv(frame)
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Thai Excel opens it as UTF-8
    assert list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))) == [
        ["'=name", "amount", "note"],
        ["'=1+1", "-12.5", "'+a"],
        ["สมชาย", "1.0", "b"],
        ["", "2.0", "'\tc"],
        ["'@sum", "0.0", ""],
        ["'-x", "3.25", "d"],
    ]
    assert frame.columns[0] == "=name" and frame["=name"][0] == "=1+1"  # the frame itself is left as it was
