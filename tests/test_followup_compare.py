"""The follow-up's comparison on two hand-made member tables: each status, the amounts to the satang, who comes
first, the identity's figures, the transitions and their grid, numbers written two ways in one ledger, the pool's
repayments, and the contracts matched; then against a hand-filled plan (followup_plan): what became of each
plan member, the recovery per technique and per person, and the best rates."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from kmdash.followup import compare, compare_loans, identity_holds
from kmdash.followup_plan import FIGURES, Review, review
from kmdash.techniques.registry import dimensions

BUCKETS = ["not_due", "1-30", "31-90", "91-180"]
OLD_DAY, NEW_DAY = date(2024, 3, 31), date(2024, 4, 30)


def table(rows: list[tuple]) -> pd.DataFrame:
    """Members as analyse's member table gives them: (member_no, name, group, overdue baht, bucket)."""
    frame = pd.DataFrame(rows, columns=["member_no", "name", "group", "overdue", "bucket"])
    return frame.assign(bucket=pd.Categorical(frame["bucket"], categories=BUCKETS, ordered=True))


OLD = table([("00017", "A", "g1", 100.00, "1-30"), ("2", "B", "g1", 50.00, "31-90"), ("3", "C", "g2", 30.00, "1-30"),
             ("4", "D", "g2", 10.00, "1-30"), ("5", "E", "g3", 0.0, "not_due"), ("6", "F", "g3", 40.00, "91-180"),
             ("8", "H", "g1", 0.0, "not_due")])
NEW = table([("17", "A", "g1", 0.0, "not_due"), ("2", "B2", "g2", 20.00, "1-30"), ("3", "C", "g2", 30.00, "31-90"),
             ("4", "D", "g2", 15.50, "31-90"), ("5", "E", "g3", 7.25, "1-30"), ("7", "G", "g3", 12.34, "1-30"),
             ("8", "H", "g1", 0.0, "not_due")])

# key: (status, overdue then, overdue now in satang), largest then first, then largest now, then by key
EXPECTED = {"17": ("cleared", 10000, 0), "2": ("reduced", 5000, 2000), "6": ("left", 4000, 0),
            "3": ("unchanged", 3000, 3000), "4": ("grown", 1000, 1550), "7": ("joined", 0, 1234),
            "5": ("new_arrears", 0, 725), "8": ("current", 0, 0)}


def test_each_member_once_with_its_status_and_amounts_in_order():
    members = compare(OLD, NEW, OLD_DAY, NEW_DAY).members
    assert list(members["key"]) == list(EXPECTED)
    assert list(zip(members["status"], members["overdue_then"], members["overdue_now"])) == list(EXPECTED.values())
    assert list(members["member"]) == ["00017", "2", "6", "3", "4", "7", "5", "8"]  # the earlier ledger's writing
    assert list(members["name"])[:3] == ["A", "B2", "F"] and list(members["group"])[:3] == ["g1", "g2", "g3"]
    assert not members["refinanced"].any()


def test_the_counts_and_the_identity_s_figures():
    comparison = compare(OLD, NEW, OLD_DAY, NEW_DAY)
    assert comparison.count() == {"cleared": 1, "reduced": 1, "unchanged": 1, "grown": 1, "new_arrears": 1,
                                  "left": 1, "joined": 1, "current": 1}
    totals = comparison.totals()
    assert totals == {"overdue_then": 23000, "overdue_now": 8509, "recovered": 13000, "refinanced": 0,
                      "left_overdue": 4000, "increase": 550 + 725 + 1234}
    assert identity_holds(totals) and not identity_holds({**totals, "increase": totals["increase"] + 1})
    assert list(comparison.fall()) == [10000, 3000, 0, 0, 0, 0, 0, 0]
    assert (comparison.as_of_old, comparison.as_of_new, comparison.buckets) == (OLD_DAY, NEW_DAY, tuple(BUCKETS))


def test_one_satang_repaid_in_full_is_cleared_and_amounts_stay_whole_satang():
    members = compare(table([("1", "A", "g", 0.01, "1-30")]), table([("1", "A", "g", 0.0, "not_due")]),
                      OLD_DAY, NEW_DAY).members
    assert members[["status", "overdue_then", "overdue_now"]].values.tolist() == [["cleared", 1, 0]]
    assert members["overdue_then"].dtype == "int64" and members["overdue_now"].dtype == "int64"


def test_each_status_at_one_satang():
    old = table([("1", "A", "g", 0.01, "1-30"), ("2", "B", "g", 0.01, "1-30"), ("3", "C", "g", 0.0, "not_due")])
    new = table([("1", "A", "g", 0.01, "1-30"), ("2", "B", "g", 0.02, "1-30"), ("3", "C", "g", 0.01, "1-30")])
    members = compare(old, new, OLD_DAY, NEW_DAY).members
    assert dict(zip(members["key"], members["status"])) == {"2": "grown", "1": "unchanged", "3": "new_arrears"}


def test_members_owing_the_same_go_by_their_key_and_the_table_has_its_columns():
    same = table([("2", "B", "g", 0.05, "1-30"), ("10", "J", "g", 0.05, "1-30"), ("1", "A", "g", 0.05, "1-30")])
    members = compare(same, same, OLD_DAY, NEW_DAY).members
    assert list(members["key"]) == ["1", "10", "2"]  # as text
    assert list(members.columns) == ["key", "member", "name", "group", "status", "overdue_then", "overdue_now",
                                     "bucket_then", "bucket_now", "refinanced"]


def test_a_status_nobody_has_is_counted_as_none():
    assert compare(OLD[:2], NEW[:1], OLD_DAY, NEW_DAY).count() == {
        "cleared": 1, "reduced": 0, "unchanged": 0, "grown": 0, "new_arrears": 0, "left": 1, "joined": 0, "current": 0}


def test_a_pool_repayment_makes_a_fall_refinanced_never_a_rise():
    comparison = compare(OLD, NEW, OLD_DAY, NEW_DAY, refinanced=["002", "4", "99"])
    assert dict(zip(comparison.members["key"], comparison.members["refinanced"])) == \
        {k: k == "2" for k in EXPECTED}  # member 4's debt grew
    totals = comparison.totals()
    assert (totals["recovered"], totals["refinanced"]) == (10000, 3000) and identity_holds(totals)


def test_transitions_from_each_bucket_then_to_each_now_every_member_once():
    comparison = compare(OLD, NEW, OLD_DAY, NEW_DAY)
    assert comparison.transitions().to_dict("list") == {
        "from": ["not_due", "not_due", "1-30", "1-30", "31-90", "91-180", "joined"],
        "to": ["not_due", "1-30", "not_due", "31-90", "1-30", "left", "1-30"],
        "members": [1, 1, 1, 2, 1, 1, 1]}
    grid = comparison.matrix()
    assert list(grid.index) == [*BUCKETS, "joined"] and list(grid.columns) == [*BUCKETS, "left"]
    assert grid.loc["1-30", "31-90"] == 2 and grid.loc["joined", "1-30"] == 1 and grid.loc["91-180", "left"] == 1
    assert grid.to_numpy().sum() == 8 and grid.loc["31-90", "31-90"] == 0
    assert grid.dtypes.map(lambda d: d.kind).eq("i").all()


def test_a_bucket_only_the_earlier_ledger_has_comes_after_the_later_one_s():
    old = table([("1", "A", "g", 10.0, "91-180")])
    new = pd.DataFrame({"member_no": ["1"], "name": ["A"], "group": ["g"], "overdue": [0.0],
                        "bucket": pd.Categorical(["not_due"], categories=["not_due", "1-30"], ordered=True)})
    comparison = compare(old, new, OLD_DAY, NEW_DAY)
    assert comparison.buckets == ("not_due", "1-30", *[b for b in BUCKETS if b not in ("not_due", "1-30")])


def test_one_number_written_two_ways_in_a_ledger_adds_up_and_keeps_its_oldest_bucket():
    old = table([("017", "A", "g1", 10.0, "91-180"), ("17", "A", "g1", 5.5, "1-30")])
    new = table([("17", "A", "g1", 4.0, "1-30")])
    members = compare(old, new, OLD_DAY, NEW_DAY).members
    columns = ["member", "status", "overdue_then", "overdue_now", "bucket_then", "bucket_now"]
    assert members[columns].values.tolist() == [["017", "reduced", 1550, 400, "91-180", "1-30"]]


@pytest.mark.parametrize("old, new, expected", [
    (["A1", " A2", "A3", None, ""], ["A2", "A4\u00a0"], {"matched": 1, "closed": 2, "opened": 1}),
    (["A1"], ["A1"], {"matched": 1, "closed": 0, "opened": 0}),
])
def test_contracts_matched_closed_and_opened(old, new, expected):
    assert compare_loans(pd.DataFrame({"contract": old}), pd.DataFrame({"contract": new})) == expected
    assert compare(OLD, NEW, OLD_DAY, NEW_DAY, old_loans=pd.DataFrame({"contract": old}),
                   new_loans=pd.DataFrame({"contract": new})).loans == expected


def test_no_contracts_compared_unless_both_ledgers_have_them():
    some = pd.DataFrame({"contract": ["A1"]})
    assert compare_loans(some, None) is None and compare_loans(None, some) is None
    assert compare_loans(some, pd.DataFrame({"loan": ["A1"]})) is None
    assert compare_loans(pd.DataFrame({"loan": ["A1"]}), some) is None
    assert compare(OLD, NEW, OLD_DAY, NEW_DAY).loans is None


# ---------------------------------------------------------------- against the plan (followup_plan)


def plan() -> pd.DataFrame:
    """Plan rows as staff filled them: 17 written with zeros (and once more), 99 in neither ledger."""
    return pd.DataFrame({
        "member": ["0017", "2", "6", "99", "4", "017"], "name": ["A", "B", "F", "Z", "D", "A"],
        "group": ["g1", "g1", "g3", "g9", "g2", "g1"], "overdue": [100.0, 50.0, 40.0, 5.0, 10.0, 100.0],
        "chosen": ["1 ร่อนตะแกรง, 3 มอบหมาย", "3", "4", "1", None, "2"], "tier": ["notified", "", "", "", "", ""],
        "assignee": [" สมชาย ", "สมชาย", "มานพ", None, "มานพ", "x"], "pool_cycle": [1.0, "2", None, "x", "", 3],
        "grade": ["A", "", "", "", "", ""]})


def reviewed():
    return review(compare(OLD, NEW, OLD_DAY, NEW_DAY, refinanced=["2"]), plan())


def test_each_plan_member_once_with_what_became_of_them():
    members = reviewed().members
    assert list(members["member"]) == ["0017", "2", "6", "99", "4"]
    assert list(members["technique"]) == [["1", "3"], ["3"], ["4"], ["1"], [""]]
    assert list(members["assignee"]) == ["สมชาย", "สมชาย", "มานพ", "", "มานพ"]
    assert list(members["pool_cycle"]) == ["1", "2", "", "", ""] and list(members["tier"])[0] == "notified"
    assert list(members["status"]) == ["cleared", "reduced", "left", "left", "grown"]
    assert list(members["missing"]) == [False, False, True, True, False]
    assert list(members["overdue_then"]) == [10000, 5000, 4000, 500, 1000]  # 99's from the plan
    assert list(members["overdue_now"]) == [0, 2000, 0, 0, 1550]
    assert list(members["recovered"]) == [10000, 0, 0, 0, 0] and list(members["refinanced"]) == [0, 3000, 0, 0, 0]
    assert list(members["cleared_member"]) == [True, False, False, False, False]
    assert list(members["refinanced_member"]) == [False, True, False, False, False]
    assert list(members.columns) == ["member", "name", "group", "key", "technique", "tier", "assignee", "pool_cycle",
                                     "grade", "status", "missing", "overdue_then", "overdue_now", "recovered",
                                     "refinanced", "cleared_member", "refinanced_member"]
    assert members["overdue_then"].dtype == "int64" and members["overdue_now"].dtype == "int64"


def test_the_missing_and_the_refinanced():
    result = reviewed()
    assert result.missing.values.tolist() == [["6", "F", "g3", 4000], ["99", "Z", "g9", 500]]
    assert result.refinanced() == {"members": 1, "amount": 3000}


def test_recovery_by_technique_and_by_person():
    by = reviewed().by
    assert by["technique"][["value", *FIGURES]].values.tolist() == [
        ["1", 2, 1, 0, 1, 10500, 10000, 0, 0], ["3", 2, 1, 1, 0, 15000, 10000, 3000, 2000],
        ["", 1, 0, 0, 0, 1000, 0, 0, 1550], ["4", 1, 0, 0, 1, 4000, 0, 0, 0]]
    assert list(by["technique"]["rate"]) == [10000 / 10500, 10000 / 15000, 0.0, 0.0]
    assert by["assignee"][["value", "members", "recovered", "refinanced"]].values.tolist() == [
        ["สมชาย", 2, 10000, 3000], ["", 1, 0, 0], ["มานพ", 2, 0, 0]]
    assert list(by["pool_cycle"]["value"]) == ["1", "", "2"]
    assert set(by) == set(dimensions())


def test_without_techniques_chosen_every_member_is_under_none():
    result = review(compare(OLD, NEW, OLD_DAY, NEW_DAY), plan().drop(columns="chosen"))
    assert list(result.members["technique"]) == [[""]] * 5


def test_the_best_rates_those_of_enough_members_first_blank_and_nothing_owed_left_out():
    table = pd.DataFrame({"value": ["a", "b", "c", "", "d", "e", "f"], "members": [4, 5, 6, 10, 7, 5, 1],
                          "overdue_then": [100, 100, 100, 100, 0, 100, 1], "rate": [0.9, 0.5, 0.5, 1.0, 0.0, 0.2, 1.0]})
    result = Review(pd.DataFrame(), {"x": table})
    assert list(result.best("x")["value"]) == ["c", "b", "e", "f", "a"]  # f: one satang owed is something
    assert list(result.best("x", top=2)["value"]) == ["c", "b"]
    assert list(result.best("x")["enough"]) == [True, True, True, False, False]
    assert len(Review(pd.DataFrame(), {"x": pd.concat([table] * 2)}).best("x")) == 5


def test_a_value_whose_members_owed_nothing_then_has_a_rate_of_nothing():
    joined = pd.DataFrame({"member": ["7"], "name": ["G"], "group": ["g3"], "overdue": [0.0], "chosen": ["5"],
                           "tier": [""], "assignee": ["x"], "pool_cycle": [None], "grade": [""]})
    by = review(compare(OLD, NEW, OLD_DAY, NEW_DAY), pd.concat([plan(), joined], ignore_index=True)).by
    five = by["technique"].set_index("value").loc["5"]
    assert (five["members"], five["overdue_then"], five["overdue_now"], five["rate"]) == (1, 0, 1234, 0.0)
    assert list(by["technique"].columns) == ["value", *FIGURES, "rate"]
