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
])
def test_nonsense_settings_are_refused_with_the_reason(changes, message):
    with pytest.raises(ValueError) as refused:
        Settings(**changes)
    assert str(refused.value) == message


def test_the_smallest_allowed_values_are_accepted():
    settings = Settings(bucket_edges=(1,), long_overdue_days=0, top_members=0)
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
