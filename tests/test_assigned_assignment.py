"""T3's assignment on hand-counted cases: the gap between people and the bound it keeps under, who counts as
overdue, debts to the satang, member numbers as text, whole groups in their order (by weight, then total, then
name), names tidied and a repeated one named, and a balance it does not know."""

from __future__ import annotations

import pandas as pd
import pytest

from kmdash.errors import LedgerError
from kmdash.techniques.assigned.assignment import assign, bound, check_staff, gap


def members(rows: list[tuple]) -> pd.DataFrame:
    """Members as (member_no, group, days, overdue baht)."""
    table = pd.DataFrame(rows, columns=["member_no", "group", "days", "overdue"])
    return table.assign(name=[f"n{i}" for i in range(len(rows))])


# debts of 50, 40, 30, 20, 10 baht in groups g3, g2, g2, g1, g1; one member owes 99 baht but is not overdue yet
FIVE = members([("1", "g1", 10, 10.0), ("2", "g1", 20, 20.0), ("3", "g2", 30, 30.0), ("4", "g2", 40, 40.0),
                ("5", "g3", 50, 50.0), ("6", "g3", 0, 99.0)])


@pytest.mark.parametrize("staff, balance, within, loads, the_gap, the_bound", [
    (["A", "B"], "amount", False, [80.0, 70.0], 10.0, 50.0),  # A 50 + 20 + 10, B 40 + 30; the largest debt 50
    (["A", "B", "C"], "count", False, [1, 2, 2], 1.0, 1.0),
    (["A", "B"], "count", False, [3, 2], 1.0, 1.0),  # A B, B A, A: forth, back, forth again
    (["A", "B"], "amount", True, [70.0, 80.0], 10.0, 70.0),  # g2 (70) to A, g3 (50) and g1 (30) to B
    (["A", "B"], "count", True, [3, 2], 1.0, 2.0),  # g2 (two) to A, g1 (two) to B, g3 (one) to A on the tie
    (["A", "B", "C", "D", "E", "F"], "amount", False, [50.0, 40.0, 30.0, 20.0, 10.0, 0.0], 50.0, 50.0),
])
def test_the_gap_between_people_and_its_bound(staff, balance, within, loads, the_gap, the_bound):
    result = assign(FIVE, staff, balance, within)
    assert list(result.loads["overdue" if balance == "amount" else "members"]) == loads
    assert (gap(result), bound(result)) == (the_gap, the_bound)
    assert (result.balance, result.within_group) == (balance, within)


def test_nobody_overdue_has_no_gap_and_no_bound():
    result = assign(FIVE.assign(days=0), ["A", "B"], "amount", True)
    assert result.assignments.empty and (gap(result), bound(result)) == (0.0, 0.0)


def test_only_members_with_days_overdue_are_assigned():
    assert list(assign(FIVE, ["A"]).assignments["member_no"]) == ["5", "4", "3", "2", "1"]


def test_debts_are_counted_to_the_satang():
    # 0.29 baht is 28.999... satang in floats, 0.1 + 0.2 is 0.30000000000000004 baht
    result = assign(members([("1", "g", 5, 0.29), ("2", "g", 5, 0.1), ("3", "g", 5, 0.2)]), ["A"], "amount", True)
    assert list(result.assignments["overdue"]) == [0.29, 0.2, 0.1]
    assert list(result.loads["overdue"]) == [0.59] and bound(result) == 0.59
    two = assign(members([("1", "g", 5, 0.1), ("2", "g", 5, 0.2), ("3", "h", 5, 0.3)]), ["A", "B"], "amount", True)
    assert bound(two) == 0.3  # g's 0.1 + 0.2, to the satang


def test_member_numbers_come_back_as_text():
    result = assign(members([(17, "g", 5, 1.0), (3, "g", 5, 2.0)]), ["A", "B"])
    assert list(result.assignments["member_no"]) == ["3", "17"]
    assert result.assignments.columns.tolist() == ["member_no", "name", "group", "days", "overdue", "assignee"]


def test_whole_groups_of_equal_weight_go_by_their_total_then_by_name():
    # by count: every group holds two; by total y (30) first, then x and z (20 each) by name
    rows = [("1", "z", 5, 10.0), ("2", "z", 5, 10.0), ("3", "x", 5, 10.0), ("4", "x", 5, 10.0),
            ("5", "y", 5, 20.0), ("6", "y", 5, 10.0)]
    result = assign(members(rows), ["A", "B", "C"], "count", True)
    assert dict(zip(result.assignments["group"], result.assignments["assignee"])) == {"y": "A", "x": "B", "z": "C"}


def test_names_are_tidied_and_kept_in_order():
    assert check_staff(["  สม   ชาย ", "B\tC"]) == ["สม ชาย", "B C"]
    assert list(assign(FIVE, ["  A  ", "B"]).loads["assignee"]) == ["A", "B"]


def test_a_balance_it_does_not_know_is_refused():
    with pytest.raises(ValueError, match="balance must be one of"):
        assign(FIVE, ["A"], "weight")


def test_a_repeated_name_is_named_as_typed_the_second_time():
    with pytest.raises(LedgerError) as caught:
        assign(FIVE, ["Anna", "B", " ANNA "])
    assert "'ANNA'" in caught.value.th and "'ANNA'" in caught.value.en
