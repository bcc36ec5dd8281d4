"""What readers see: dates and bucket names per language, and the group chart's share labels."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from kmdash.analyse import analyse
from kmdash.report.charts import group_figure
from kmdash.report.display import bucket, date_entry, day
from kmdash.words import start_day
from kmdash.synthetic import generate_loans

from .support import oracle
from .support.ledgers import AS_OF


@pytest.mark.parametrize("value, lang, shown", [
    (date(2024, 3, 31), "en", "31 Mar 2024"),
    (pd.Timestamp(2023, 12, 5), "en", "05 Dec 2023"),
    (date(2024, 3, 31), "th", "31 มี.ค. 2567"),
    (pd.Timestamp(2023, 12, 5), "th", "5 ธ.ค. 2566"),
    (None, "en", "-"),
    (pd.NaT, "th", "-"),
])
def test_a_date_reads_as_its_language_writes_dates(value, lang, shown):
    assert day(value, lang) == shown


@pytest.mark.parametrize("lang, typed", [("th", "05/12/2566"), ("en", "05/12/2023")])
def test_a_date_as_users_type_it(lang, typed):
    assert date_entry(date(2023, 12, 5), lang) == typed


@pytest.mark.parametrize("label, th, en", [
    ("31-90", "31-90 วัน", "31-90 days"),  # the catalogue's own
    ("1-7", "1-7 วัน", "1-7 days"),  # the user's edges, spelled out
    (">60", "เกิน 60 วัน", "over 60 days"),
    ("<=6m", "ไม่เกิน 6 เดือน", "up to 6 months"),
    ("6-12m", "6-12 เดือน", "6-12 months"),
    (">36m", "เกิน 36 เดือน", "over 36 months"),
], ids=["catalogue", "days", "over-days", "up-to-months", "months", "over-months"])  # plain ids: mutmut reruns them
def test_a_bucket_is_named_in_each_language(label, th, en):
    assert (bucket(label, "th"), bucket(label, "en")) == (th, en)


def test_thai_is_the_language_when_none_is_said():
    assert (day(date(2024, 3, 31)), date_entry(date(2024, 3, 31)), bucket("6-12m"), bucket("31-90")) == (
        "31 มี.ค. 2567", "31/03/2567", "6-12 เดือน", "31-90 วัน")


def test_deadlines_count_from_today_unless_the_ledger_is_dated_ahead():
    as_of = date(2024, 3, 31)
    assert start_day(as_of, date(2024, 4, 2)) == date(2024, 4, 2)
    assert start_day(as_of, date(2024, 3, 30)) == as_of
    assert start_day(as_of, as_of) == as_of
    assert start_day(as_of) == max(as_of, date.today())  # today, from the clock, when not given


def test_each_group_bar_is_labelled_with_its_baht_and_its_share_of_all_overdue():
    loans = generate_loans(200, seed=2)
    want = oracle.figures(loans.to_dict("records"), AS_OF)["by_group"]
    bar = group_figure(analyse(loans, AS_OF).groups).data[0]
    shares = {g["group"]: f"{g['overdue']:,.0f} ({g['share'] * 100:.1f}%)" for g in want if g["overdue"] > 0}
    assert dict(zip(bar.y, bar.text)) == shares
    assert list(bar.y) == [g["group"] for g in want if g["overdue"] > 0][::-1]  # largest at the top
