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

from kmdash.analyse import analyse, months_overdue
from kmdash.settings import Settings
from kmdash.synthetic import generate_loans

from .conftest import AS_OF, BUCKETS, expected_figures, fraction_equal


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


@hsettings(max_examples=25, deadline=None)
@given(due=st.dates(date(2019, 1, 1), date(2024, 3, 30)), as_of=st.dates(date(2024, 1, 1), date(2024, 12, 31)))
def test_months_overdue_counts_calendar_months(due, as_of):
    got = months_overdue(pd.Series(pd.to_datetime([due])), as_of).iloc[0]
    assert got == months_started(due, as_of)


def test_months_preset_keeps_days_and_long_overdue(generated):
    settings = replace(Settings.months_preset(), long_overdue_days=365)
    result = analyse(generated, AS_OF, settings)
    want = expected_figures(generated, AS_OF)
    assert result.headline["members_long_overdue"] == want["members_long_overdue"]
    assert result.aging["members"].sum() == want["members"]
    assert result.aging.set_index("bucket").loc["not_due", "loans"] == want["aging"][0]["loans"]
