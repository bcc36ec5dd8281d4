"""T5's ledger criteria on generated ledgers, called directly: which criteria a ledger's columns allow, per
member (in the analysis's members' order) the days, loans overdue, share ratio and loans under legal action,
and the points and grade they give, each worked out here from the generator's loans with plain pandas."""

from __future__ import annotations

import warnings
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from kmdash.analyse import Analysis, analyse
from kmdash.settings import Criterion, Grade, GradingRules, Settings
from kmdash.synthetic import generate_loans, with_status
from kmdash.techniques.grading.grades import available, grade_members, ledger_values

from .support.classes import STATUS
from .support.ledgers import AS_OF

UNDER_LAW = {word for word, code in STATUS.items() if code in {"legal", "judgment", "enforcement", "bankrupt"}}


@pytest.fixture
def loans() -> pd.DataFrame:
    return generate_loans(160, seed=11)


def per_member(loans: pd.DataFrame, members: pd.Series) -> pd.DataFrame:
    """Days (the most of the member's overdue loans) and loans overdue, per member in `members`' order."""
    late = (pd.Timestamp(AS_OF) - loans["due_date"]).dt.days
    overdue = (late > 0) & (loans["principal_overdue"] > 0)
    frame = pd.DataFrame({"member_no": loans["member_no"], "days": late.where(overdue, 0), "late": overdue})
    grouped = frame.groupby("member_no")
    return pd.DataFrame({"days": grouped["days"].max(), "loans_overdue": grouped["late"].sum()}).loc[members]


def share_ratio(loans: pd.DataFrame, members: pd.Series, owed=("outstanding", "interest_arrears", "penalty")):
    """Share capital / what the member owes, in %, per member in `members`' order; inf where nothing is owed."""
    sums = loans.groupby("member_no")[["share_capital", *owed]].sum().loc[members]
    owing = sums[list(owed)].sum(axis=1)
    return [float("inf") if o == 0 else s / o * 100 for s, o in zip(sums["share_capital"], owing)]


@pytest.mark.parametrize("drop, status, allowed", [
    ((), False, {"days", "loans_overdue", "share_ratio"}),
    ((), True, {"days", "loans_overdue", "share_ratio", "legal"}),
    (("share_capital",), False, {"days", "loans_overdue"}),
    (("outstanding",), True, {"days", "loans_overdue", "legal"}),
    (("share_capital", "outstanding"), False, {"days", "loans_overdue"}),
    (("interest_arrears", "penalty"), False, {"days", "loans_overdue", "share_ratio"}),
])
def test_the_criteria_a_ledger_s_columns_allow(loans, drop, status, allowed):
    ledger = with_status(loans) if status else loans
    assert available(analyse(ledger.drop(columns=list(drop)), AS_OF)) == allowed


def test_days_loans_overdue_and_share_ratio_per_member_in_the_members_order(loans):
    analysis = analyse(loans, AS_OF)
    order = analysis.members["member_no"]
    values = ledger_values(analysis)
    assert list(values.columns) == ["days", "loans_overdue", "share_ratio"]
    assert list(values.index) == list(analysis.members.index)
    expected = per_member(loans, order)
    assert values["days"].tolist() == expected["days"].tolist()
    assert values["loans_overdue"].tolist() == expected["loans_overdue"].tolist()
    assert values["share_ratio"].to_numpy() == pytest.approx(share_ratio(loans, order), rel=1e-12)
    assert (values["days"] > 0).any() and (values["days"] == 0).any()  # the ledger holds both kinds


def test_the_share_ratio_without_interest_or_penalty_columns_is_over_the_outstanding(loans):
    ledger = loans.drop(columns=["interest_arrears", "penalty"])
    analysis = analyse(ledger, AS_OF)
    got = ledger_values(analysis)["share_ratio"].to_numpy()
    assert got == pytest.approx(share_ratio(ledger, analysis.members["member_no"], owed=("outstanding",)), rel=1e-12)
    with_interest = share_ratio(loans, analysis.members["member_no"])
    assert (got > np.array(with_interest)).any()  # the interest and penalty left out raise some ratios


def test_a_member_who_owes_nothing_has_an_endless_share_ratio_even_without_shares(loans):
    members = loans["member_no"].unique()
    owes_nothing, nothing_at_all = members[0], members[1]
    nothing = loans["member_no"].isin([owes_nothing, nothing_at_all])
    ledger = loans.copy()
    ledger.loc[nothing, ["outstanding", "interest_arrears", "penalty", "principal_overdue"]] = 0.0
    ledger.loc[ledger["member_no"] == nothing_at_all, "share_capital"] = 0.0
    ledger.loc[ledger["member_no"] == members[2], "share_capital"] = 0.0  # owes, no shares: 0 %
    owes_little = ledger.index[ledger["member_no"] == members[3]]
    ledger.loc[owes_little, ["outstanding", "interest_arrears", "penalty", "principal_overdue"]] = 0.0
    ledger.loc[owes_little[:1], ["outstanding", "share_capital"]] = [0.5, 100.0]  # 50 satang owed
    analysis = analyse(ledger, AS_OF)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no division warning for those who owe nothing
        values = ledger_values(analysis)
    ratio = pd.Series(values["share_ratio"].to_numpy(), index=analysis.members["member_no"])
    assert ratio[owes_nothing] == ratio[nothing_at_all] == float("inf")
    assert ratio[members[2]] == 0.0 and ratio[members[3]] == pytest.approx(20_000.0)
    assert np.isfinite(ratio.drop([owes_nothing, nothing_at_all])).all()


def test_loans_under_legal_action_counted_per_member_in_the_members_order(loans):
    ledger = with_status(loans, seed=3)
    analysis = analyse(ledger, AS_OF)
    values = ledger_values(analysis)
    assert list(values.columns) == ["days", "loans_overdue", "share_ratio", "legal"]
    sued = ledger.assign(sued=ledger["status"].isin(UNDER_LAW)).groupby("member_no")["sued"].sum()
    expected = sued.loc[analysis.members["member_no"]].tolist()
    assert values["legal"].tolist() == expected
    assert max(expected) >= 2 and 0 in expected  # some members with two such loans, some with none


def test_without_share_capital_the_ledger_values_hold_no_share_ratio(loans):
    ledger = with_status(loans.drop(columns=["share_capital"]), seed=3)
    values = ledger_values(analyse(ledger, AS_OF))
    assert list(values.columns) == ["days", "loans_overdue", "legal"]


def band_points(criterion: Criterion, value: float) -> float:
    """The points of the best band `value` reaches (at most the threshold, or at least it where higher is
    better), else the floor; a missing value reaches none."""
    reached = [points for threshold, points in criterion.bands if value == value and (
        value >= threshold if criterion.higher_is_better else value <= threshold)]
    return max(reached, default=criterion.floor)


def test_each_member_s_values_points_and_grade_highest_points_first(loans):
    ledger = with_status(loans, seed=3)
    analysis = analyse(ledger, AS_OF)
    rules = GradingRules()
    graded = grade_members(analysis, rules)
    used = [c for c in rules.criteria if c.key in {"days", "share_ratio", "loans_overdue", "legal"}]
    assert graded.criteria == tuple(used) and [c.key for c in graded.unmeasured] == ["activities"]
    assert graded.unmatched == 0
    assert list(graded.members.columns) == [
        "member_no", "name", "group", *(f"{k}{c.key}" for c in used for k in ("", "pts_")), "points", "grade", "lift",
        "lift_to", "lift_gain", "lift_enough"]
    m = graded.members.set_index("member_no").loc[analysis.members["member_no"]]
    values = ledger_values(analysis)
    for c in used:
        assert m[c.key].tolist() == values[c.key].tolist()
        assert m[f"pts_{c.key}"].tolist() == [band_points(c, v) for v in values[c.key]]
    points = sum(m[f"pts_{c.key}"] for c in used)
    assert m["points"].tolist() == points.tolist()
    lows = [g.min_points for g in rules.grades]
    assert m["grade"].tolist() == [next((i for i, low in enumerate(lows) if p >= low), len(lows) - 1) for p in points]
    assert len(set(m["grade"])) >= 3  # the ledger spreads its members over grades
    order = list(zip(-graded.members["points"], graded.members["member_no"]))
    assert order == sorted(order) and graded.members.index.tolist() == list(range(len(order)))


def test_without_a_criterion_every_member_has_no_points_and_the_last_grade(loans):
    analysis = analyse(loans, AS_OF)
    rules = GradingRules(criteria=tuple(replace(c, enabled=False) for c in GradingRules().criteria))
    graded = grade_members(analysis, rules)
    assert graded.criteria == () and graded.unmeasured == ()
    assert set(graded.members["points"]) == {0.0} and set(graded.members["grade"]) == {len(rules.grades) - 1}
    assert list(graded.members.columns) == ["member_no", "name", "group", "points", "grade", "lift", "lift_to",
                                            "lift_gain", "lift_enough"]
    assert graded.members["lift"].isna().all() and graded.members["lift_to"].isna().all()
    assert set(graded.members["lift_gain"]) == {0.0} and not graded.members["lift_enough"].any()


def test_a_sheet_without_a_criterion_column_changes_nothing(loans):
    analysis = analyse(loans, AS_OF)
    alone = pd.DataFrame({"member_no": ["99999", "88888"]})
    graded = grade_members(analysis, GradingRules(), alone)
    assert graded.unmatched == 0 and "activities" in [c.key for c in graded.unmeasured]
    pd.testing.assert_frame_equal(graded.members, grade_members(analysis, GradingRules()).members)


# the lift on six members worked out by hand: grades from 60, 45 and 0 points; bands worst to best
LIFT_RULES = GradingRules(
    criteria=(Criterion("days", ((100, 10), (30, 20), (0, 30))),
              Criterion("share_ratio", ((10, 10), (50, 30)), higher_is_better=True),
              Criterion("loans_overdue", ((2, 5), (0, 20)))),
    grades=(Grade("a", 60), Grade("b", 45), Grade("c", 0)))
# member: days, loans overdue, share ratio (share capital on 100 owed) -> points, grade, (lift, to, gain, enough)
LIFTS = {
    "00001": (0, 0, 60, 80, 0, (None, None, 0, False)),  # the top grade: nothing to lift
    "00002": (50, 1, 20, 25, 2, ("share_ratio", 50, 20, True)),  # 20 short: one band of shares, two of days
    "00003": (200, 5, 0, 0, 2, ("days", 0, 30, False)),  # 45 short, no one change: the largest gain, first
    "00004": (40, 0, 15, 40, 2, ("days", 30, 10, True)),  # 5 short: one band of days or shares, days first
    "00005": (30, 2, 20, 35, 2, ("days", 0, 10, True)),  # 10 short: a gain of exactly 10 is enough
    "00006": (0, 1, 12, 45, 1, ("share_ratio", 50, 20, True)),  # the middle grade, 15 short of the top
}


def test_the_one_change_that_lifts_each_member_a_grade():
    members = pd.DataFrame({"member_no": list(LIFTS), "name": "n", "group": "g",
                            "days": [v[0] for v in LIFTS.values()], "loans_overdue": [v[1] for v in LIFTS.values()],
                            "share_capital": [float(v[2]) for v in LIFTS.values()], "outstanding": 100.0,
                            "interest_arrears": 0.0, "penalty": 0.0})
    loans = members[["member_no", "share_capital", "outstanding"]]
    analysis = Analysis(loans=loans, members=members, groups=pd.DataFrame(), aging=pd.DataFrame(), as_of=AS_OF,
                        settings=Settings())
    m = grade_members(analysis, LIFT_RULES).members.set_index("member_no")
    known = lambda v: None if pd.isna(v) else v  # noqa: E731
    got = {no: (r["points"], r["grade"], (known(r["lift"]), known(r["lift_to"]), r["lift_gain"], r["lift_enough"]))
           for no, r in m.iterrows()}
    assert got == {no: v[3:] for no, v in LIFTS.items()}
    assert (m[["points", "lift_to", "lift_gain"]].dtypes == float).all() and m["lift_enough"].dtype == bool


def test_nothing_lifts_a_member_at_every_best_band_and_a_one_point_gain_can():
    rules = GradingRules(criteria=(Criterion("days", ((30, 1), (0, 2))),),
                         grades=(Grade("a", 100), Grade("b", 2), Grade("c", 0)))
    members = pd.DataFrame({"member_no": ["1", "2", "3"], "name": "n", "group": "g", "days": [0, 20, 50],
                            "loans_overdue": 0})
    analysis = Analysis(loans=members[["member_no"]], members=members, groups=pd.DataFrame(), aging=pd.DataFrame(),
                        as_of=AS_OF, settings=Settings())
    m = grade_members(analysis, rules).members.set_index("member_no").loc[["1", "2", "3"]]
    assert m["grade"].tolist() == [1, 2, 2] and m["lift"].isna().tolist() == [True, False, False]
    assert m["lift_gain"].tolist() == [0.0, 1.0, 2.0] and m["lift_enough"].tolist() == [False, True, True]
    assert m["lift_to"].tolist()[1:] == [0.0, 0.0]
