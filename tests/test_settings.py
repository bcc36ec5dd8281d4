"""Settings: the defaults are the brief's, presets and choices build valid settings, and nonsense is refused."""

from __future__ import annotations

from dataclasses import FrozenInstanceError

import pytest

from kmdash.settings import Settings

from .support import oracle


def test_the_defaults_are_the_briefs_buckets_and_365_days():
    settings = Settings()
    assert (settings.bucket_unit, settings.long_overdue_days, settings.top_members) == ("days", 365, 20)
    assert settings.bucket_labels == list(oracle.BUCKETS)


def test_settings_cannot_be_changed_in_place():
    with pytest.raises(FrozenInstanceError):
        Settings().long_overdue_days = 90


@pytest.mark.parametrize("changes, message", [
    ({"bucket_unit": "weeks"}, "bucket_unit must be 'days' or 'months'"),
    ({"bucket_unit": "Days"}, "bucket_unit must be 'days' or 'months'"),
    ({"bucket_edges": ()}, "bucket_edges must be strictly increasing"),
    ({"bucket_edges": (90, 30)}, "bucket_edges must be strictly increasing"),
    ({"bucket_edges": (30, 30, 90)}, "bucket_edges must be strictly increasing"),
    ({"bucket_edges": (0, 30)}, "bucket_edges must be positive"),
    ({"bucket_edges": (-30, 30)}, "bucket_edges must be positive"),
    ({"long_overdue_days": -1}, "long_overdue_days must not be negative"),
    ({"top_members": -1}, "top_members must not be negative"),
    ({"chronic_periods": 0}, "chronic_periods must be 1 or more"),
])
def test_nonsense_settings_are_refused_with_the_reason(changes, message):
    with pytest.raises(ValueError) as refused:
        Settings(**changes)
    assert str(refused.value) == message


def test_the_smallest_allowed_values_are_accepted():
    settings = Settings(bucket_edges=(1,), long_overdue_days=0, top_members=0, chronic_periods=1)
    assert (Settings().chronic_periods, settings.chronic_periods) == (3, 1)
    assert settings.bucket_labels == ["not_due", "1-1", ">1"]
    assert Settings(bucket_unit="months", bucket_edges=(1, 2)).bucket_labels == ["not_due", "<=1m", "1-2m", ">2m"]


def test_custom_day_edges_name_their_buckets():
    assert Settings(bucket_edges=(7, 14, 60)).bucket_labels == oracle.bucket_labels((7, 14, 60)) == [
        "not_due", "1-7", "8-14", "15-60", ">60"]


def test_the_months_preset_takes_changes():
    settings = Settings.months_preset(long_overdue_days=180, top_members=5)
    assert (settings.bucket_unit, settings.bucket_edges) == ("months", (1, 3, 6, 12, 24, 36))
    assert (settings.long_overdue_days, settings.top_members) == (180, 5)


def test_choose_builds_days_or_months_settings_with_changes():
    assert Settings.choose() == Settings()
    assert Settings.choose(long_overdue_days=90) == Settings(long_overdue_days=90)
    assert Settings.choose(True) == Settings.months_preset()
    assert Settings.choose(months=True, top_members=3) == Settings.months_preset(top_members=3)
    with pytest.raises(ValueError):
        Settings.choose(long_overdue_days=-5)


# ---------------------------------------------------------------- the fiscal year end and the grading rules

from kmdash.errors import LedgerError  # noqa: E402
from kmdash.settings import DAYS, Criterion, Grade, GradingRules, Welfare  # noqa: E402


@pytest.mark.parametrize("end", [(1, 31), (2, 29), (4, 30), (12, 31), (12, 1), (1, 1)])
def test_a_fiscal_year_end_of_the_calendar_is_taken(end):
    assert Settings(fiscal_year_end=end).fiscal_year_end == end


@pytest.mark.parametrize("end", [(2, 30), (4, 31), (6, 31), (9, 31), (11, 31), (13, 1), (0, 10), (3, 0), (3, 32)])
def test_a_fiscal_year_end_outside_the_calendar_is_refused_with_the_reason(end):
    with pytest.raises(ValueError, match=r"^fiscal_year_end must be a \(month, day\) of the calendar$"):
        Settings(fiscal_year_end=end)


@pytest.mark.parametrize("changes, reason", [
    ({"bucket_unit": "weeks"}, "bucket_unit must be 'days' or 'months'"),
    ({"bucket_edges": (90, 30)}, "bucket_edges must be strictly increasing"),
    ({"bucket_edges": ()}, "bucket_edges must be strictly increasing"),
    ({"bucket_edges": (0, 30)}, "bucket_edges must be positive"),
    ({"long_overdue_days": -1}, "long_overdue_days must not be negative"),
    ({"top_members": -1}, "top_members must not be negative"),
])
def test_each_bad_setting_says_which(changes, reason):
    with pytest.raises(ValueError, match=f"^{reason}$"):
        Settings(**changes)


def test_the_edges_of_the_settings_are_taken():
    assert Settings(long_overdue_days=0, top_members=0, bucket_edges=(1,)).bucket_labels == ["not_due", "1-1", ">1"]


def criterion(bands, higher=False, floor=0.0):
    return Criterion("k", bands, higher_is_better=higher, floor=floor, names=("เกณฑ์ ก", "criterion K"))


@pytest.mark.parametrize("bands, higher", [
    (((365, 15), (90, 30), (0, 50)), False),  # fewer days is better: thresholds fall
    (((5, 10), (10, 20), (20, 30)), True),  # more share capital is better: thresholds rise
    (((1, 0),), False),
])
def test_bands_from_the_worst_to_the_best_are_taken(bands, higher):
    assert criterion(bands, higher).bands == bands


@pytest.mark.parametrize("bands, higher", [
    ((), False), (((0, 50), (90, 30)), False), (((20, 30), (5, 10)), True), (((90, 10), (90, 20)), False),
])
def test_bands_out_of_order_or_repeated_are_refused_in_both_languages(bands, higher):
    with pytest.raises(LedgerError) as error:
        criterion(bands, higher)
    assert error.value.th == "เกณฑ์ 'เกณฑ์ ก': ขั้นของเกณฑ์ต้องเรียงจากแย่ไปดี และไม่ซ้ำกัน"
    assert error.value.en == "criterion 'criterion K': its bands must run from worst to best, none repeated"
    assert error.value.code == "grading_bands_unordered"


@pytest.mark.parametrize("bands, floor", [(((365, 30), (90, 15)), 0.0), (((0, 10),), 20.0)])
def test_points_that_fall_as_the_value_gets_better_are_refused(bands, floor):
    with pytest.raises(LedgerError) as error:
        criterion(bands, floor=floor)
    points = [floor, *(b[1] for b in bands)]
    assert error.value.th == f"เกณฑ์ 'เกณฑ์ ก': ค่าที่ดีกว่าต้องได้คะแนนไม่น้อยกว่า ({points})"
    assert error.value.en == f"criterion 'criterion K': a better value must never get fewer points ({points})"


def test_equal_points_across_bands_are_taken():
    assert criterion(((90, 10), (0, 10)), floor=10.0).floor == 10.0


def test_names_in_each_language_from_the_catalogue_or_the_users_own():
    assert (criterion(((0, 1),)).name(), criterion(((0, 1),)).name("en")) == ("เกณฑ์ ก", "criterion K")
    assert DAYS.name("en") == "Days overdue (the oldest loan)"
    grade = Grade("good", 65)
    assert (grade.name(), grade.name("th"), grade.name("en")) == ("ดี", "ดี", "Good")
    assert Grade("good", 65, names=("ดีมาก", "Very good")).name("en") == "Very good"
    assert grade.welfare == Welfare("", 0.0)  # nothing until the board words it


@pytest.mark.parametrize("lows", [(), (40, 65), (65, 65, 0)])
def test_grades_must_run_from_the_highest_minimum_down(lows):
    with pytest.raises(LedgerError) as error:
        GradingRules(grades=tuple(Grade(f"g{i}", low) for i, low in enumerate(lows)))
    assert error.value.th == "คะแนนขั้นต่ำของชั้นสมาชิกต้องเรียงจากมากไปน้อย และไม่ซ้ำกัน"
    assert error.value.en == "the grades' minimum points must run from the highest down, none repeated"


def test_two_criteria_with_one_key_are_refused():
    one = criterion(((0, 1),))
    with pytest.raises(LedgerError) as error:
        GradingRules(criteria=(one, one))
    assert (error.value.th, error.value.en) == ("ชื่อเกณฑ์ซ้ำกัน", "two criteria have the same key")
    assert len(GradingRules(criteria=(one,)).criteria) == 1


# ---------------------------------------------------------------- the load page's choices keep the rest


from kmdash.settings import Selector  # noqa: E402


@pytest.mark.parametrize("months", [False, True])
def test_buckets_chosen_keep_the_year_end_the_selector_and_the_grading(months):
    mine = Settings(fiscal_year_end=(9, 30), selector=Selector(long_share=0.25, answers=(("leaders_approved", "no"),)))
    chosen = mine.with_buckets(months, long_overdue_days=180)
    assert (chosen.fiscal_year_end, chosen.selector, chosen.grading) == ((9, 30), mine.selector, mine.grading)
    assert (chosen.bucket_unit, chosen.bucket_edges, chosen.long_overdue_days) == (
        ("months", (1, 3, 6, 12, 24, 36), 180) if months else ("days", (30, 90, 180, 365, 730, 1095), 180))


def test_custom_edges_stay_while_the_unit_does():
    assert Settings(bucket_edges=(7, 14)).with_buckets(False).bucket_edges == (7, 14)


def test_months_back_to_days_take_the_day_edges():
    days = Settings.months_preset(top_members=5).with_buckets(False)
    assert (days.bucket_unit, days.bucket_edges, days.top_members) == ("days", (30, 90, 180, 365, 730, 1095), 5)


def test_a_grade_renamed_by_the_user_is_named_in_thai_by_default():
    grade = Grade("A", 80, names=("ดีเยี่ยม", "Excellent"))
    assert (grade.name(), grade.name("en")) == ("ดีเยี่ยม", "Excellent")


@pytest.mark.parametrize("changes, reason", [({"many_share": 0}, "many_share must be positive"),
                                             ({"small_debt": -1.0}, "small_debt must be positive"),
                                             ({"near_days": 180}, "near_days must be fewer than far_days"),
                                             ({"answers": (("x", "perhaps"),)}, "answers.x must be one of yes, no, unknown")])
def test_selector_thresholds_out_of_range_are_refused(changes, reason):
    with pytest.raises(ValueError, match=f"^{reason}$"):
        Selector(**changes)


def test_an_answer_set_and_unset():
    answered = Selector().answered("leaders_approved", "no")
    assert (answered.answer("leaders_approved"), answered.answer("other")) == ("no", "unknown")
    assert answered.answered("leaders_approved", "unknown") == Selector()
