"""Values printed once and left blank below: filled down, never past a barrier row (a subtotal or heading);
a member's later loans take member, name and group from the loan above, across a repeated header."""

from __future__ import annotations

import numpy as np

from kmdash.read.fill import carry_member, filled_down


def array(*values) -> np.ndarray:
    return np.array(values, dtype=object)


def test_blanks_take_the_value_above_but_not_past_a_barrier_which_becomes_blank():
    values = array(None, "A", None, "X", None, np.nan, "B", None)
    barrier = np.array([False, False, False, True, False, False, False, False])
    assert filled_down(values, barrier).tolist() == [None, "A", "A", None, None, None, "B", "B"]


def test_nothing_above_is_blank():
    assert filled_down(array(np.nan, None, "A"), np.zeros(3, dtype=bool)).tolist() == [None, None, "A"]


def test_a_members_later_loans_take_member_name_and_group_from_the_loan_above():
    member, name, group = (array("001", None, None, None, None, None), array("ก", None, None, None, None, None),
                           array("G1", None, None, None, None, None))
    rows = np.array([True, True, False, True, False, True])  # loan rows
    through = np.array([False, False, True, False, False, False])  # a page's repeated header: carried across
    barrier = np.array([False, False, False, False, True, False])  # a subtotal: never carried across
    missing = carry_member([member, name, group], {"member_no": 0, "name": 1, "group": 2}, member, rows,
                           barrier, through)
    assert member.tolist() == ["001", "001", None, "001", None, None]
    assert name.tolist() == ["ก", "ก", None, "ก", None, None]
    assert group.tolist() == ["G1", "G1", None, "G1", None, None]
    assert missing.tolist() == [False, False, True, False, True, True]

