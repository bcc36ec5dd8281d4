"""Reconciliation: the used rows against the file's grand total, column by column, to the satang."""

from __future__ import annotations

import pandas as pd

from kmdash.reconcile import reconcile, reconcile_sheets

LOANS = pd.DataFrame({"outstanding": [0.1, 0.2, 1000.0], "principal_overdue": [0.0, 50.25, 49.75],
                      "interest_arrears": [1.0, 2.0, 3.0]})


def test_no_grand_total_row_cannot_be_reconciled():
    result = reconcile(LOANS, None)
    assert result.as_dict() == {"has_total": False, "matches": None, "differences": {}, "file_total": {},
                                "used_total": {}}


def test_a_grand_total_row_without_amounts_cannot_be_reconciled_either():
    result = reconcile(LOANS, {})
    assert (result.has_total, result.matches, result.differences) == (True, None, {})


def test_totals_equal_to_the_satang_match():
    total = {"outstanding": 1000.3, "principal_overdue": 100.0}  # 0.1 + 0.2 + 1000 is 1000.3 to the satang
    result = reconcile(LOANS, total)
    assert (result.has_total, result.matches) == (True, True)
    assert result.differences == {"outstanding": 0.0, "principal_overdue": 0.0}
    assert result.used_total == {"outstanding": 1000.3, "principal_overdue": 100.0}
    assert result.file_total == total and result.file_total is not total


def test_one_satang_off_in_one_column_does_not_match_and_says_by_how_much():
    result = reconcile(LOANS, {"outstanding": 1000.3, "principal_overdue": 100.01, "interest_arrears": 6.0})
    assert result.matches is False
    assert result.differences == {"outstanding": 0.0, "principal_overdue": -0.01, "interest_arrears": 0.0}


def test_rows_adding_up_to_more_than_the_total_give_a_positive_difference():
    result = reconcile(LOANS, {"interest_arrears": 5.5})
    assert (result.matches, result.differences) == (False, {"interest_arrears": 0.5})


def test_a_total_for_a_column_the_rows_do_not_have_is_left_out():
    result = reconcile(LOANS[["outstanding"]], {"outstanding": 1000.3, "penalty": 12.0})
    assert (result.matches, result.differences, result.used_total) == (True, {"outstanding": 0.0},
                                                                      {"outstanding": 1000.3})


def test_cells_with_more_than_two_decimals_are_summed_and_compared_to_the_satang():
    loans = pd.DataFrame({"outstanding": [50.002, 50.002]})  # 100.004: 100.00 to the satang
    result = reconcile(loans, {"outstanding": 99.996})  # a file total written with three decimals
    assert (result.matches, result.differences, result.used_total) == (True, {"outstanding": 0.0},
                                                                      {"outstanding": 100.0})


def test_the_totals_of_several_sheets_are_added_field_by_field_to_the_satang():
    from kmdash.read.money import summed

    assert summed([{"outstanding": 0.1, "principal_overdue": 2.0}, {"outstanding": 0.2}, {"penalty": 5.25}]) == {
        "outstanding": 0.3, "principal_overdue": 2.0, "penalty": 5.25}
    assert summed([]) == {}


# several sheets read at once: each against its own total (hand-computed two-sheet cases)
SHEETS = pd.DataFrame({"sheet": ["A", "A", "B"], "outstanding": [100.0, 200.5, 50.25],
                       "principal_overdue": [10.0, 0.0, 5.0]})


def test_each_sheet_is_reconciled_against_its_own_total_and_the_sums_are_added():
    result = reconcile_sheets(SHEETS, {"A": {"outstanding": 300.5, "principal_overdue": 10.0},
                                       "B": {"outstanding": 50.25}})
    assert result.as_dict() == {
        "has_total": True, "matches": True,
        "differences": {"outstanding": 0.0, "principal_overdue": 0.0},
        "file_total": {"outstanding": 350.75, "principal_overdue": 10.0},
        "used_total": {"outstanding": 350.75, "principal_overdue": 10.0},
        "sheets": {
            "A": {"has_total": True, "matches": True, "differences": {"outstanding": 0.0, "principal_overdue": 0.0},
                  "file_total": {"outstanding": 300.5, "principal_overdue": 10.0},
                  "used_total": {"outstanding": 300.5, "principal_overdue": 10.0}},
            "B": {"has_total": True, "matches": True, "differences": {"outstanding": 0.0},
                  "file_total": {"outstanding": 50.25}, "used_total": {"outstanding": 50.25}}}}


def test_a_sheet_off_by_a_satang_makes_the_whole_file_differ_even_when_another_has_no_total():
    result = reconcile_sheets(SHEETS, {"A": None, "B": {"outstanding": 50.26}})
    assert (result.has_total, result.matches) == (True, False)
    assert result.differences == {"outstanding": -0.01}
    assert (result.sheets["A"].has_total, result.sheets["A"].matches) == (False, None)
    assert result.sheets["B"].matches is False


def test_a_sheet_without_a_total_leaves_the_verdict_open_when_the_others_match():
    for missing in (None, {}):  # no total row, or a total row without amounts
        result = reconcile_sheets(SHEETS, {"A": {"outstanding": 300.5}, "B": missing})
        assert (result.has_total, result.matches) == (True, None)
        assert (result.file_total, result.used_total) == ({"outstanding": 300.5}, {"outstanding": 300.5})


def test_sheets_without_any_total_have_none():
    result = reconcile_sheets(SHEETS, {"A": None, "B": None})
    assert (result.has_total, result.matches, result.differences) == (False, None, {})
    assert list(result.as_dict()["sheets"]) == ["A", "B"]


def test_one_sheet_reconciled_alone_says_nothing_of_sheets():
    assert "sheets" not in reconcile(SHEETS, {"outstanding": 350.75}).as_dict()
