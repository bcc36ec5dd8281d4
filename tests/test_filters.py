"""Filters narrow the loans, and every table is the brief's figures of the loans that are left."""

from __future__ import annotations

import pandas as pd
import pytest

from kmdash.analyse import analyse
from kmdash.filters import Filters, apply_filters
from kmdash.synthetic import generate_loans

from .support import oracle
from .support.ledgers import AS_OF


@pytest.fixture(scope="module")
def loans() -> pd.DataFrame:
    return generate_loans(250, seed=11)


@pytest.fixture(scope="module")
def analysis(loans):
    return analyse(loans, AS_OF)


@pytest.fixture(scope="module")
def per_loan(loans) -> list[dict]:
    """The oracle's view of each loan (days, overdue, bucket), in the order of `loans`."""
    return oracle.figures(loans.to_dict("records"), AS_OF)["per_loan"]


def assert_tables_are_those_of(result, kept: pd.DataFrame) -> None:
    """Loans, members, groups and aging of a filtered analysis: the oracle's figures of the loans kept."""
    want = oracle.figures(kept.to_dict("records"), AS_OF, top=10**6)
    assert sorted(result.loans["contract"]) == sorted(kept["contract"])
    members = result.members.set_index("member_no")
    assert sorted(members.index) == sorted(m["member"] for m in want["by_member"])
    for m in want["by_member"]:
        assert (members.loc[m["member"], "days"], members.loc[m["member"], "bucket"]) == (m["days"], m["bucket"])
        assert members.loc[m["member"], "overdue"] == pytest.approx(m["overdue"], abs=0.005)
    got_groups = result.groups[["group", "members", "members_overdue"]].to_dict("records")
    assert got_groups == [{k: g[k] for k in ("group", "members", "members_overdue")} for g in want["by_group"]]
    assert result.groups["overdue"].tolist() == pytest.approx([g["overdue"] for g in want["by_group"]], abs=0.005)
    assert result.groups["share"].tolist() == pytest.approx([g["share"] for g in want["by_group"]])
    aging = result.aging.to_dict("records")
    assert [(a["bucket"], a["loans"], a["members"]) for a in aging] == \
        [(a["bucket"], a["loans"], a["members"]) for a in want["aging"]]
    assert [a["overdue"] for a in aging] == pytest.approx([a["overdue"] for a in want["aging"]], abs=0.005)


@pytest.mark.parametrize("filters, active", [
    (Filters(), False),
    (Filters(groups=("กลุ่มที่ 1",)), True),
    (Filters(buckets=("1-30",)), True),
    (Filters(loan_types=("ระยะสั้น",)), True),
    (Filters(min_overdue=0.01), True),
    (Filters(min_overdue=0.0), False),
    (Filters(min_overdue=-5.0), False),
])
def test_a_filter_is_active_when_it_narrows_something(filters, active):
    assert filters.active is active


def test_no_filter_leaves_the_analysis_as_it_is(analysis):
    assert apply_filters(analysis, Filters()) is analysis


def test_the_group_filter_keeps_the_loans_of_those_groups(loans, analysis):
    chosen = tuple(sorted(loans["group"].unique())[:2])
    result = apply_filters(analysis, Filters(groups=chosen))
    assert_tables_are_those_of(result, loans[loans["group"].isin(chosen)])
    assert (result.as_of, result.settings) == (analysis.as_of, analysis.settings)


def test_the_bucket_filter_keeps_the_loans_in_those_buckets(loans, analysis, per_loan):
    chosen = ("1-30", ">1095", "not_due")
    result = apply_filters(analysis, Filters(buckets=chosen))
    assert_tables_are_those_of(result, loans[[x["bucket"] in chosen for x in per_loan]])


def test_the_loan_type_filter_keeps_the_loans_of_that_type(loans, analysis):
    result = apply_filters(analysis, Filters(loan_types=("ระยะสั้น",)))
    kept = loans[loans["loan_type"] == "ระยะสั้น"]
    assert 0 < len(kept) < len(loans)
    assert_tables_are_those_of(result, kept)


def test_group_and_loan_type_filters_together_keep_what_both_keep(loans, analysis):
    group = min(loans["group"].unique())
    result = apply_filters(analysis, Filters(groups=(group,), loan_types=("ระยะยาว",)))
    assert_tables_are_those_of(result, loans[(loans["group"] == group) & (loans["loan_type"] == "ระยะยาว")])


def test_a_loan_type_filter_on_a_ledger_without_loan_types_keeps_every_loan(loans):
    plain = analyse(loans.drop(columns="loan_type"), AS_OF)
    result = apply_filters(plain, Filters(loan_types=("ระยะสั้น",)))
    assert_tables_are_those_of(result, loans)


def owing_per_member(per_loan: list[dict], keep: list[bool]) -> dict[str, int]:
    """Member -> overdue in satang, summed over the loans kept."""
    owing: dict[str, int] = {}
    for x, kept in zip(per_loan, keep):
        if kept:
            owing[x["member"]] = owing.get(x["member"], 0) + oracle.satang(x["overdue"])
    return owing


def test_the_minimum_keeps_members_owing_at_least_that_much_on_the_loans_left(loans, analysis, per_loan):
    """The minimum is on a member's overdue within the other filters: here, only their loans 1-30 days late."""
    in_bucket = [x["bucket"] == "1-30" for x in per_loan]
    owing = owing_per_member(per_loan, in_bucket)
    minimum = sorted(owing.values())[len(owing) // 2]  # the member owing exactly this much is kept
    enough = {m for m, amount in owing.items() if amount >= minimum}
    assert 0 < len(enough) < len(owing)
    result = apply_filters(analysis, Filters(buckets=("1-30",), min_overdue=minimum / 100))
    assert_tables_are_those_of(result, loans[[k and x["member"] in enough for x, k in zip(per_loan, in_bucket)]])


def test_a_minimum_above_every_member_leaves_nothing(analysis):
    result = apply_filters(analysis, Filters(min_overdue=10**12))
    assert result.loans.empty and result.members.empty and result.groups.empty
    assert result.aging["loans"].sum() == 0


def test_group_and_bucket_filters_together_keep_what_both_keep(loans, analysis, per_loan):
    group = sorted(loans["group"].unique())[1]
    result = apply_filters(analysis, Filters(groups=(group,), buckets=("not_due",)))
    assert_tables_are_those_of(result, loans[[x["group"] == group and x["bucket"] == "not_due" for x in per_loan]])


def test_a_minimum_under_a_baht_drops_members_with_nothing_overdue(loans, analysis, per_loan):
    owing = owing_per_member(per_loan, [True] * len(per_loan))
    assert 0 in owing.values()
    result = apply_filters(analysis, Filters(min_overdue=0.5))
    assert_tables_are_those_of(result, loans[[owing[x["member"]] >= 50 for x in per_loan]])
