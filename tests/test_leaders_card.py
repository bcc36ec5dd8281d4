"""T2's card on hand-made members: the groups with overdue members over `many_groups` and the overdue outside the
largest group over `spread_share`, each part capped at 1, only overdue members of a named group counted, and the
members it applies to."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from kmdash.read.loans import NO_GROUP
from kmdash.settings import Selector, Settings
from kmdash.techniques.base import Facts
from kmdash.techniques.leaders.card import TECHNIQUE

AS_OF = date(2024, 6, 30)


def facts(rows: list[tuple[str, int, float]], selector: Selector = Selector()) -> Facts:
    """Members as (group, days, overdue baht)."""
    members = pd.DataFrame(rows, columns=["group", "days", "overdue"]).assign(
        member_no=[f"{i:03d}" for i in range(len(rows))])
    return Facts(AS_OF, members, Settings(selector=selector))


# g1 600, g2 300, g3 100 overdue; g4 and a member of g1 owe nothing overdue yet; 5,000 overdue in no group
MIXED = [("g1", 10, 600.0), ("g2", 40, 300.0), ("g3", 1, 100.0), ("g4", 0, 1000.0), ("g1", 0, 50.0),
         (NO_GROUP, 100, 5000.0)]


def test_the_parts_are_the_groups_and_the_share_outside_the_largest_uncapped():
    score = TECHNIQUE.score(facts(MIXED))
    groups, spread = score.parts
    assert (groups.value, groups.threshold, groups.score) == (3, 8, 3 / 8)
    assert (spread.value, spread.threshold, spread.score) == (pytest.approx(0.4), 0.8, pytest.approx(0.5))
    assert score.score == round(3 / 8 * 0.5, 4) and score.number == 2
    assert (groups.evidence.code, groups.evidence.full, groups.evidence.values) == (
        "ev_groups_overdue", "full_groups", {"n": 3, "members": 3, "threshold": 8})
    assert (spread.evidence.code, spread.evidence.full) == ("ev_largest_group", "full_spread")
    assert spread.evidence.values == {"share": pytest.approx(0.6), "threshold": 0.8}


def test_the_thresholds_are_the_settings_and_each_part_stops_at_one():
    score = TECHNIQUE.score(facts(MIXED, Selector(many_groups=2, spread_share=0.25)))
    assert [p.score for p in score.parts] == [1.0, 1.0] and score.score == 1.0
    assert [p.threshold for p in score.parts] == [2, 0.25]


def test_no_overdue_member_in_a_named_group_scores_nothing_and_has_all_in_the_largest():
    score = TECHNIQUE.score(facts([(NO_GROUP, 30, 900.0), ("g1", 0, 100.0)]))
    assert score.score == 0.0 and [p.value for p in score.parts] == [0, 0.0]
    assert score.parts[0].evidence.values == {"n": 0, "members": 0, "threshold": 8}
    assert score.parts[1].evidence.values == {"share": 1.0, "threshold": 0.8}


def test_it_applies_to_overdue_members_of_a_named_group():
    assert TECHNIQUE.applies(facts(MIXED)).tolist() == [True, True, True, False, False, False]
