"""The brief's figures: the overdue rule, days and buckets at their edges, members, groups, PAR, settings."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pandas as pd
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from kmdash.analyse import analyse, months_overdue, pareto_count
from kmdash.settings import Settings
from kmdash.synthetic import generate_loans

from .support import oracle
from .support.figures import BUCKETS, expected_figures, fraction_equal
from .support.ledgers import AS_OF


def loans_frame(*loans: dict) -> pd.DataFrame:
    """Loans as clean_sheet gives them: text ids, datetime64 due dates, money in baht."""
    rows = [{"member_no": "00001", "name": "นาย ก", "group": "กลุ่มที่ 1", "outstanding": 1000.0,
             "principal_overdue": 500.0, "interest_arrears": 0.0, **loan} for loan in loans]
    frame = pd.DataFrame(rows)
    frame["due_date"] = pd.to_datetime(frame["due_date"])
    return frame


def one_loan(**fields) -> pd.Series:
    return analyse(loans_frame(fields), AS_OF).loans.iloc[0]


def test_due_on_the_as_of_date_is_not_overdue():
    loan = one_loan(due_date=AS_OF)
    assert (loan["overdue"], loan["days_overdue"], loan["bucket"]) == (False, 0, "not_due")


def test_due_the_day_before_is_overdue_by_one_day():
    loan = one_loan(due_date=AS_OF - timedelta(days=1))
    assert (loan["overdue"], loan["days_overdue"], loan["bucket"]) == (True, 1, "1-30")
    assert loan["overdue_amount"] == 500.0


def test_due_in_the_future_is_not_due():
    assert not one_loan(due_date=AS_OF + timedelta(days=30))["overdue"]


def test_past_due_with_no_principal_overdue_is_not_overdue():
    loan = one_loan(due_date=AS_OF - timedelta(days=200), principal_overdue=0.0)
    assert (loan["overdue"], loan["days_overdue"], loan["overdue_amount"]) == (False, 0, 0.0)


def test_without_an_overdue_column_the_outstanding_is_the_basis():
    frame = loans_frame({"due_date": AS_OF - timedelta(days=10), "outstanding": 800.0},
                        {"due_date": AS_OF - timedelta(days=10), "outstanding": 0.0, "member_no": "00002"},
                        {"due_date": AS_OF, "outstanding": 900.0, "member_no": "00003"}).drop(
        columns="principal_overdue")
    out = analyse(frame, AS_OF).loans
    assert out["overdue"].tolist() == [True, False, False]
    assert out["overdue_amount"].tolist() == [800.0, 0.0, 0.0]


@pytest.mark.parametrize("days, bucket", [
    (1, "1-30"), (30, "1-30"), (31, "31-90"), (90, "31-90"), (91, "91-180"), (180, "91-180"),
    (181, "181-365"), (365, "181-365"), (366, "366-730"), (730, "366-730"), (731, "731-1095"),
    (1095, "731-1095"), (1096, ">1095"), (4000, ">1095"),
])
def test_bucket_edges(days, bucket):
    loan = one_loan(due_date=AS_OF - timedelta(days=days))
    assert (loan["days_overdue"], loan["bucket"]) == (days, bucket)


def test_a_members_days_are_the_most_of_their_loans():
    frame = loans_frame({"due_date": AS_OF - timedelta(days=10)},
                        {"due_date": AS_OF - timedelta(days=400)},
                        {"due_date": AS_OF - timedelta(days=900), "principal_overdue": 0.0},
                        {"due_date": AS_OF + timedelta(days=100)})
    result = analyse(frame, AS_OF)
    [member] = result.members.to_dict("records")
    assert (member["days"], member["bucket"], member["long_overdue"]) == (400, "366-730", True)
    assert member["overdue"] == 1000.0
    aging = result.aging.set_index("bucket")
    assert aging["loans"].to_dict() == {**dict.fromkeys(BUCKETS, 0), "not_due": 2, "1-30": 1, "366-730": 1}
    assert aging["members"].to_dict() == {**dict.fromkeys(BUCKETS, 0), "366-730": 1}


def test_a_member_with_nothing_overdue_is_counted_in_not_due():
    result = analyse(loans_frame({"due_date": AS_OF}, {"due_date": AS_OF + timedelta(days=5)}), AS_OF)
    assert result.aging.set_index("bucket").loc["not_due", "members"] == 1
    assert result.headline["members_overdue"] == 0


@pytest.fixture(scope="module")
def generated():
    return generate_loans(400, seed=3)


def test_aging_members_sum_to_all_members_and_loans_to_all_loans(generated):
    result = analyse(generated, AS_OF)
    assert result.aging["members"].sum() == generated["member_no"].nunique()
    assert result.aging["loans"].sum() == len(generated)
    assert result.aging["overdue"].sum() == pytest.approx(result.loans["overdue_amount"].sum())


def test_group_shares_sum_to_one(generated):
    groups = analyse(generated, AS_OF).groups
    assert groups["share"].sum() == pytest.approx(1.0)
    assert groups["members"].sum() == generated["member_no"].nunique()


def test_par_against_the_independent_computation(generated):
    head = analyse(generated, AS_OF).headline
    want = expected_figures(generated, AS_OF)
    assert fraction_equal(head["par30"], want["par30"])
    assert fraction_equal(head["par90"], want["par90"])
    assert 0 < want["par90"] < want["par30"] < 1


def test_headline_against_the_independent_computation(generated):
    head = analyse(generated, AS_OF).headline
    want = expected_figures(generated, AS_OF)
    for key in ("loans_overdue", "members", "members_overdue", "groups", "groups_overdue"):
        assert head[key] == want[key], key
    assert head["members_overdue_over_365"] == head["members_long_overdue"] == want["members_overdue_over_365"]
    assert head["overdue"] == pytest.approx(want["overdue"], abs=0.005)
    assert head["outstanding"] == pytest.approx(want["outstanding"], abs=0.005)


def test_the_long_overdue_threshold_is_a_setting_and_over_365_stays_365(generated):
    over_365 = expected_figures(generated, AS_OF)["members_overdue_over_365"]
    for days in (90, 365, 730):
        head = analyse(generated, AS_OF, Settings(long_overdue_days=days)).headline
        assert head["members_long_overdue"] == expected_figures(generated, AS_OF, long_days=days)[
            "members_long_overdue"]
        assert head["members_overdue_over_365"] == over_365


def test_bucket_edges_are_a_setting():
    settings = Settings(bucket_edges=(60, 120))
    assert settings.bucket_labels == ["not_due", "1-60", "61-120", ">120"]
    frame = loans_frame(*({"due_date": AS_OF - timedelta(days=d), "member_no": str(d)} for d in (60, 61, 121)))
    assert analyse(frame, AS_OF, settings).loans["bucket"].tolist() == ["1-60", "61-120", ">120"]


# ---------------------------------------------------------------- months preset


MONTH_LABELS = ["not_due", "<=1m", "1-3m", "3-6m", "6-12m", "12-24m", "24-36m", ">36m"]


def test_months_preset_labels():
    assert Settings.months_preset().bucket_labels == MONTH_LABELS


def test_months_preset_seven_months_overdue_is_6_to_12():
    loan = analyse(loans_frame({"due_date": date(2023, 8, 31)}), AS_OF, Settings.months_preset()).loans.iloc[0]
    assert loan["bucket"] == "6-12m"


MID_MONTH = date(2024, 3, 15)


@pytest.mark.parametrize("due, bucket", [
    (date(2024, 3, 14), "<=1m"),  # 1 day
    (date(2024, 2, 15), "<=1m"),  # exactly 1 month
    (date(2024, 2, 14), "1-3m"),  # 1 month and 1 day
    (date(2023, 12, 15), "1-3m"),  # exactly 3 months
    (date(2023, 9, 15), "3-6m"),  # exactly 6 months
    (date(2023, 9, 14), "6-12m"),  # over 6 months
    (date(2023, 3, 15), "6-12m"),  # exactly 12 months
    (date(2023, 3, 14), "12-24m"),
    (date(2021, 3, 15), "24-36m"),  # exactly 36 months
    (date(2021, 3, 14), ">36m"),
])
def test_months_preset_classes_over_a_and_up_to_b_months(due, bucket):
    loan = analyse(loans_frame({"due_date": due}), MID_MONTH, Settings.months_preset()).loans.iloc[0]
    assert loan["bucket"] == bucket


def months_started(due: date, as_of: date) -> int:
    """The smallest m with due + m calendar months >= as_of: the months a loan has been overdue."""
    m = 0
    while due + relativedelta(months=m) < as_of:
        m += 1
    return m


def test_a_loan_not_yet_due_or_without_due_date_is_zero_months_overdue():
    due = pd.Series(pd.to_datetime([AS_OF + timedelta(days=400), None, AS_OF]))
    assert months_overdue(due, AS_OF).tolist() == [0, 0, 0]


@hsettings(max_examples=25, deadline=None)
@given(due=st.dates(date(2019, 1, 1), date(2024, 3, 30)), as_of=st.dates(date(2024, 1, 1), date(2024, 12, 31)))
def test_months_overdue_counts_calendar_months(due, as_of):
    got = months_overdue(pd.Series(pd.to_datetime([due])), as_of)
    assert got.dtype.kind == "i" and got.iloc[0] == months_started(due, as_of)


def test_months_preset_keeps_days_and_long_overdue(generated):
    settings = replace(Settings.months_preset(), long_overdue_days=365)
    result = analyse(generated, AS_OF, settings)
    want = expected_figures(generated, AS_OF)
    assert result.headline["members_long_overdue"] == want["members_long_overdue"]
    assert result.aging["members"].sum() == want["members"]
    assert result.aging.set_index("bucket").loc["not_due", "loans"] == want["aging"][0]["loans"]


# ---------------------------------------------------------------- every table, column by column


MEMBER_COLUMNS = ["member_no", "name", "group", "loans", "loans_overdue", "days", "overdue", "outstanding",
                  "interest_arrears", "penalty", "share_capital", "bucket", "long_overdue"]
GROUP_COLUMNS = ["group", "members", "members_overdue", "members_long_overdue", "loans", "overdue", "outstanding",
                 "share"]


def assert_members_are_the_oracles(members: pd.DataFrame, want: list[dict]) -> None:
    """The member table, row by row in its order (largest overdue first, then most days, then as listed)."""
    assert list(members.columns) == MEMBER_COLUMNS
    got = members.to_dict("records")
    assert [(m["member_no"], m["name"], m["group"], m["loans"], m["loans_overdue"], m["days"], m["bucket"],
             m["long_overdue"]) for m in got] == \
        [(m["member"], m["name"], m["group"], m["loans"], m["loans_overdue"], m["days"], m["bucket"],
          m["long_overdue"]) for m in want]
    for g, w in zip(got, want):
        assert [g["overdue"], g["outstanding"], g["interest_arrears"], g["penalty"]] == pytest.approx(
            [w["overdue"], w["outstanding"], w["interest"], w["penalty"]], abs=0.005), w["member"]


def assert_groups_are_the_oracles(groups: pd.DataFrame, want: list[dict]) -> None:
    assert list(groups.columns) == GROUP_COLUMNS
    got = groups.to_dict("records")
    counts = ("group", "members", "members_overdue", "members_long_overdue", "loans")
    assert [tuple(g[k] for k in counts) for g in got] == [tuple(w[k] for k in counts) for w in want]
    for g, w in zip(got, want):
        assert [g["overdue"], g["outstanding"]] == pytest.approx([w["overdue"], w["outstanding"]], abs=0.005)
        assert g["share"] == pytest.approx(w["share"])


@pytest.fixture(scope="module")
def shuffled(generated) -> pd.DataFrame:
    """The generated loans in another order: members and groups no longer listed by number or name."""
    return generated.sample(frac=1, random_state=5).reset_index(drop=True)


def test_member_and_group_tables_are_the_briefs_figures_row_by_row(shuffled):
    result = analyse(shuffled, AS_OF, Settings(long_overdue_days=180))
    want = expected_figures(shuffled, AS_OF, long_days=180, top=10**6)
    assert_members_are_the_oracles(result.members, want["by_member"])
    assert_groups_are_the_oracles(result.groups, want["by_group"])
    assert result.as_of == AS_OF and result.settings == Settings(long_overdue_days=180)


def test_aging_counts_are_whole_numbers_in_bucket_order(generated):
    aging = analyse(generated, AS_OF).aging
    assert list(aging.columns) == ["bucket", "loans", "overdue", "members"]
    want = expected_figures(generated, AS_OF)["aging"]
    assert aging[["bucket", "loans", "members"]].to_dict("records") == [
        {k: a[k] for k in ("bucket", "loans", "members")} for a in want]
    assert aging["loans"].dtype.kind == aging["members"].dtype.kind == "i"


def test_days_overdue_are_whole_days_and_buckets_run_from_not_due_to_the_oldest(generated):
    result = analyse(generated, AS_OF)
    assert result.loans["days_overdue"].dtype.kind == "i"
    assert (result.loans["bucket"].min(), result.loans["bucket"].max()) == ("not_due", ">1095")
    assert (result.members["bucket"].min(), result.members["bucket"].max()) == ("not_due", ">1095")


def test_half_a_baht_overdue_is_overdue():
    loan = one_loan(due_date=AS_OF - timedelta(days=40), outstanding=0.5, principal_overdue=0.5)
    assert (loan["overdue"], loan["overdue_amount"], loan["bucket"]) == (True, 0.5, "31-90")


def test_a_member_one_day_late_is_overdue_in_their_groups_count():
    frame = loans_frame({"due_date": AS_OF - timedelta(days=1)},
                        {"due_date": AS_OF, "member_no": "00002"})
    [group] = analyse(frame, AS_OF).groups.to_dict("records")
    assert (group["members"], group["members_overdue"]) == (2, 1)


def test_a_member_exactly_at_the_long_overdue_threshold_is_not_long_overdue():
    frame = loans_frame({"due_date": AS_OF - timedelta(days=365)},
                        {"due_date": AS_OF - timedelta(days=366), "member_no": "00002"})
    result = analyse(frame, AS_OF)
    assert result.members.set_index("member_no")["long_overdue"].to_dict() == {"00001": False, "00002": True}
    assert result.groups.loc[0, "members_long_overdue"] == 1


def test_groups_with_equal_overdue_put_more_overdue_members_first_and_keep_ties_as_listed():
    frame = loans_frame(
        {"group": "กลุ่ม ง", "due_date": AS_OF, "member_no": "1"},  # nothing overdue
        {"group": "กลุ่ม ข", "due_date": AS_OF - timedelta(days=5), "principal_overdue": 1000.0, "member_no": "2"},
        {"group": "กลุ่ม ก", "due_date": AS_OF, "member_no": "3"},  # nothing overdue
        {"group": "กลุ่ม ค", "due_date": AS_OF - timedelta(days=5), "member_no": "4"},
        {"group": "กลุ่ม ค", "due_date": AS_OF - timedelta(days=5), "member_no": "5"},
    )
    groups = analyse(frame, AS_OF).groups
    assert groups["group"].tolist() == ["กลุ่ม ค", "กลุ่ม ข", "กลุ่ม ง", "กลุ่ม ก"]
    assert groups["share"].tolist() == [0.5, 0.5, 0.0, 0.0]


def test_members_with_equal_overdue_put_more_days_first_and_keep_ties_as_listed():
    frame = loans_frame({"member_no": "9", "due_date": AS_OF},
                        {"member_no": "5", "due_date": AS_OF - timedelta(days=10)},
                        {"member_no": "7", "due_date": AS_OF - timedelta(days=20)},
                        {"member_no": "1", "due_date": AS_OF})
    assert analyse(frame, AS_OF).members["member_no"].tolist() == ["7", "5", "9", "1"]


def test_when_nothing_is_overdue_every_share_is_zero():
    frame = loans_frame({"due_date": AS_OF, "group": "ก"}, {"due_date": AS_OF, "group": "ข", "member_no": "2"})
    assert analyse(frame, AS_OF).groups["share"].tolist() == [0.0, 0.0]


def test_the_only_overdue_group_holds_all_of_it_even_when_it_is_under_a_baht():
    frame = loans_frame({"due_date": AS_OF - timedelta(days=3), "principal_overdue": 0.4, "group": "ก"},
                        {"due_date": AS_OF, "group": "ข", "member_no": "2"})
    assert analyse(frame, AS_OF).groups.set_index("group")["share"].to_dict() == {"ก": 1.0, "ข": 0.0}


def test_a_ledger_without_names_names_members_by_their_number():
    result = analyse(loans_frame({"due_date": AS_OF}).drop(columns="name"), AS_OF)
    assert result.members.loc[0, "name"] == "00001"


def test_a_ledger_without_outstanding_has_no_par_and_no_outstanding_figures():
    frame = loans_frame({"due_date": AS_OF - timedelta(days=100)}).drop(columns="outstanding")
    result = analyse(frame, AS_OF)
    head = result.headline
    assert (head["outstanding"], head["par30"], head["par90"]) == (None, None, None)
    assert head["overdue"] == 500.0
    assert "outstanding" not in result.groups and "outstanding" not in result.members


def test_nothing_outstanding_means_no_portfolio_at_risk():
    frame = loans_frame({"due_date": AS_OF - timedelta(days=100), "outstanding": 0.0})
    head = analyse(frame, AS_OF).headline
    assert (head["par30"], head["par90"]) == (0.0, 0.0)


def test_par_of_a_portfolio_under_a_baht():
    frame = loans_frame({"due_date": AS_OF - timedelta(days=40), "outstanding": 0.6, "principal_overdue": 0.6})
    head = analyse(frame, AS_OF).headline
    assert (head["par30"], head["par90"]) == (1.0, 0.0)


def test_headline_money_is_rounded_to_the_satang():
    frame = loans_frame({"due_date": AS_OF - timedelta(days=5), "outstanding": 10.333, "principal_overdue": 1.006,
                         "interest_arrears": 0.004})
    head = analyse(frame, AS_OF).headline
    assert (head["outstanding"], head["overdue"], head["interest_arrears"]) == (10.33, 1.01, 0.0)


def test_months_preset_with_a_loan_without_due_date():
    frame = loans_frame({"due_date": None}, {"due_date": date(2023, 8, 31), "member_no": "00002"})
    loans = analyse(frame, AS_OF, Settings.months_preset()).loans
    assert loans["bucket"].tolist() == ["not_due", "6-12m"]
    assert loans["days_overdue"].tolist() == [0, (AS_OF - date(2023, 8, 31)).days]


# ---------------------------------------------------------------- how many members hold 80 %


def members_owing(*amounts: float) -> pd.DataFrame:
    return pd.DataFrame({"member_no": [str(i) for i in range(len(amounts))], "overdue": list(amounts)})


@pytest.mark.parametrize("amounts, count", [
    ((), 0),
    ((0.0, 0.0), 0),
    ((500.0,), 1),
    ((0.5,), 1),  # half a baht overdue still counts
    ((80.0, 20.0), 1),  # exactly 80 % with the first
    ((79.99, 20.01), 2),
    ((10.0,) * 10, 8),
    ((0.0, 30.0, 50.0, 20.0), 2),  # largest first: 50 + 30
])
def test_pareto_count_is_the_fewest_members_holding_80_percent(amounts, count):
    assert pareto_count(members_owing(*amounts)) == count == oracle.pareto_count(amounts)


def test_pareto_count_of_the_generated_ledger(generated):
    members = analyse(generated, AS_OF).members
    want = [m["overdue"] for m in expected_figures(generated, AS_OF, top=10**6)["by_member"]]
    assert pareto_count(members) == oracle.pareto_count(want)
    assert pareto_count(members, share=0.5) == oracle.pareto_count(want, share=0.5)
    assert 1 < oracle.pareto_count(want, share=0.5) < oracle.pareto_count(want) < len(want)


@hsettings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 10**7).map(lambda s: s / 100), max_size=30), st.sampled_from([0.5, 0.8, 0.95, 1.0]))
def test_pareto_count_agrees_with_the_oracle_on_any_amounts(amounts, share):
    assert pareto_count(members_owing(*amounts), share) == oracle.pareto_count(amounts, share)


def test_the_outstanding_at_risk_counts_loans_strictly_over_the_days_to_the_satang():
    frame = loans_frame(*({"due_date": AS_OF - timedelta(days=d), "outstanding": o, "member_no": str(d)}
                          for d, o in ((30, 1.0), (31, 20.004), (90, 300.0), (91, 4000.0))))
    result = analyse(frame, AS_OF)
    assert (result.at_risk(30), result.at_risk(90), result.at_risk(91)) == (4320.0, 4000.0, 0.0)
    assert result.par(30) == pytest.approx(4320.004 / 4321.004, abs=1e-12)
    assert analyse(frame.drop(columns="outstanding"), AS_OF).at_risk(30) is None


def test_a_member_with_any_loan_under_legal_action_is_legal_where_the_ledger_has_a_status():
    frame = loans_frame({"due_date": AS_OF, "member_no": "1", "status": "ปกติ"},
                        {"due_date": AS_OF, "member_no": "1", "status": "ฟ้องร้อง"},
                        {"due_date": AS_OF, "member_no": "2", "status": "ปกติ"})
    members = analyse(frame, AS_OF).members.set_index("member_no")
    assert members["legal"].to_dict() == {"1": True, "2": False}
    assert "legal" not in analyse(frame.drop(columns="status"), AS_OF).members
