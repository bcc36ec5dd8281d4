"""The brief's figures of generated loans, computed independently, and how a `summary --json` object is held
against them.

The expected figures never come from kmdash.analyse: `expected_figures` hands the generator's canonical loans
(one row per loan) to tests/support/oracle.py, which applies the brief's rules in plain Python.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from . import oracle

BUCKETS = oracle.BUCKETS
MONEY_KEYS = ("outstanding", "overdue", "interest_arrears")
COUNT_KEYS = ("loans_overdue", "members", "members_overdue", "members_overdue_over_365", "members_long_overdue",
              "groups", "groups_overdue")


def expected_figures(loans: pd.DataFrame, as_of: date, basis: str = "principal_overdue",
                     long_days: int = 365, top: int = 20) -> dict:
    """The brief's figures from the generator's canonical loans, in the shape of `summary --json`."""
    return oracle.figures(loans.to_dict("records"), as_of, basis, long_days, top)


def baht_equal(a: float, b: float) -> bool:
    """Equal to the satang (money is rounded to 0.01)."""
    return abs(a - b) < 0.005


def fraction_equal(a: float, b: float) -> bool:
    """Equal to the 4 decimals kmdash reports fractions with."""
    return abs(a - b) <= 0.00005 + 1e-12


def assert_figures(summary: dict, expected: dict) -> None:
    """Every headline figure and table of a `summary --json` object against expected_figures()."""
    for key in COUNT_KEYS:
        assert summary[key] == expected[key], key
    for key in MONEY_KEYS:
        assert baht_equal(summary[key], expected[key]), (key, summary[key], expected[key])
    for key in ("par30", "par90"):
        assert fraction_equal(summary[key], expected[key]), (key, summary[key], expected[key])

    assert [r["bucket"] for r in summary["aging"]] == list(BUCKETS)
    for got, want in zip(summary["aging"], expected["aging"]):
        assert (got["loans"], got["members"]) == (want["loans"], want["members"]), want["bucket"]
        assert baht_equal(got["overdue"], want["overdue"]), want["bucket"]

    assert [g["group"] for g in summary["by_group"]] == [g["group"] for g in expected["by_group"]]
    for got, want in zip(summary["by_group"], expected["by_group"]):
        assert (got["members"], got["members_overdue"]) == (want["members"], want["members_overdue"]), want
        assert baht_equal(got["overdue"], want["overdue"]), want
        assert fraction_equal(got["share"], want["share"]), want

    assert [(m["member"], m["name"], m["group"], m["days"]) for m in summary["top_members"]] == \
        [(m["member"], m["name"], m["group"], m["days"]) for m in expected["top_members"]]
    for got, want in zip(summary["top_members"], expected["top_members"]):
        assert baht_equal(got["overdue"], want["overdue"]), want
