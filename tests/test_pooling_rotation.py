"""T4's rotation on hand-made members: the group a page starts with, the groups with debtors, the members'
table in baht, the order of cycles and of those over the pool, and a pool or cycles of nothing refused."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from kmdash.errors import LedgerError
from kmdash.read.loans import NO_GROUP
from kmdash.techniques.pooling import rotation as pool


def members(rows: list[tuple[str, float, bool]]) -> tuple[pd.DataFrame, pd.Series]:
    """Members as (group, overdue baht, fits the pool), on an index that is not 0..n-1."""
    index = [10 * i + 7 for i in range(len(rows))]
    table = pd.DataFrame({"group": [r[0] for r in rows], "overdue": [r[1] for r in rows]}, index=index)
    return table, pd.Series([r[2] for r in rows], index=index)


@pytest.mark.parametrize("rows, busiest", [
    # ข has the most debtors who fit (2); ค the most debtors; no group and a member not overdue count for nothing
    ([("ก", 5, True), ("ก", 5, False), ("ก", 5, False), ("ข", 5, True), ("ข", 5, True), ("ค", 5, False),
      ("ค", 5, False), ("ค", 5, False), ("ค", 5, False), (NO_GROUP, 5, True), (NO_GROUP, 5, True),
      (NO_GROUP, 5, True), ("ง", 0, True), ("ง", 0, True), ("ง", 0, True)], "ข"),
    ([("ก", 5, False), ("ค", 5, False), ("ค", 5, False), ("ข", 5, False)], "ค"),  # none fits: the most debtors
    ([("ข", 5, True), ("ข", 5, False), ("ก", 5, True), ("ก", 5, False)], "ก"),  # a tie: by name
    ([("ข", 5, True), ("ก", 5, True), ("ก", 5, False)], "ก"),  # as many fit: the more debtors
    ([(NO_GROUP, 5, True), ("ก", 0, True)], None),  # no debtor in a named group
    ([("ข", 5, False), ("ข", 5, False), ("ก", 1, True)], "ก"),  # one baht overdue is a debtor
])
def test_the_busiest_group(rows, busiest):
    table, fits = members(rows)
    assert pool.busiest_group(table, fits) == busiest


def test_the_groups_with_debtors_sorted():
    table, _ = members([("ข", 5, True), ("ก", 0, True), ("ค", 0.01, True), ("ข", 1, True), (NO_GROUP, 2, True)])
    assert pool.groups_overdue(SimpleNamespace(members=table)) == sorted(["ข", "ค", NO_GROUP])


def debts() -> pd.DataFrame:
    """Five debts in satang, as `pool.debts` gives them."""
    return pd.DataFrame({"member": ["a", "b", "c", "d", "e"], "name": ["A", "B", "C", "D", "E"], "group": "g",
                         "days": [10, 300, 20, 20, 5], "overdue": [40000, 30000, 50000, 90000, 90000],
                         "interest": [1, 2, 3, 4, 5], "penalty": [0, 100, 0, 0, 0],
                         "owed": [40001, 30102, 50003, 90004, 90005], "legal": [False, False, False, False, False]})


def test_cycles_oldest_debt_first_and_those_over_the_pool_largest_first():
    rotation = pool.schedule(debts(), 90_004)
    assert rotation.over_pool == ("e",)  # 90,005 satang: a satang over
    # d fills a cycle, c and a fill one to the satang; b's 300 days first, then the two of 20 days by member
    assert [c.members for c in rotation.cycles] == [("b",), ("c", "a"), ("d",)]
    assert [c.total for c in rotation.cycles] == [30102, 90004, 90004]
    assert (rotation.gap, rotation.exact, rotation.legal) == (0, True, ())


def test_the_members_table_in_baht_cycle_by_cycle():
    rotation = pool.schedule(debts(), 90_004)
    table = pool.members_table(rotation, debts())
    assert table.to_dict("list") == {
        "cycle": [1, 2, 2, 3], "member_no": ["b", "c", "a", "d"], "name": ["B", "C", "A", "D"],
        "group": ["g"] * 4, "days": [300, 20, 10, 20], "overdue": [300.0, 500.0, 400.0, 900.0],
        "interest": [0.02, 0.03, 0.01, 0.04], "penalty": [1.0, 0.0, 0.0, 0.0],
        "to_pay": [301.02, 500.03, 400.01, 900.04],
        "cycle_total": [301.02, 900.04, 900.04, 900.04]}
    assert table["cycle"].dtype.kind == "i" and list(table.columns) == pool.TABLE


def test_no_cycle_no_table_rows_but_its_columns():
    table = pool.members_table(pool.schedule(debts(), 1), debts())
    assert table.empty and list(table.columns) == pool.TABLE


@pytest.mark.parametrize("call, th, en", [
    (lambda: pool.schedule(debts(), 0), "กองทุนต้องมากกว่า 0 บาท", "the pool must be more than 0 baht"),
    (lambda: pool.pool_for_cycles(debts(), 0), "จำนวนรอบต้องอย่างน้อย 1", "the number of cycles must be at least 1"),
    (lambda: pool.parts(SimpleNamespace(), "all"), "ไม่รู้จักฐานยอด 'all' ใช้ได้: arrears, principal, outstanding",
     "unknown basis 'all'; use one of: arrears, principal, outstanding"),
])
def test_a_pool_of_nothing_no_cycles_or_an_unknown_basis_is_refused_saying_so(call, th, en):
    with pytest.raises(LedgerError) as caught:
        call()
    assert (caught.value.th, caught.value.en) == (th, en)


def test_a_pool_under_every_debt_has_no_cycle_and_as_many_cycles_as_debts_need_the_largest():
    assert pool.schedule(debts(), 1).cycles == () and pool.pool_for_cycles(debts(), 5) == (90005, True)


def test_an_unknown_group_is_refused_naming_the_groups():
    members = pd.DataFrame({"group": ["ข", "ก", "ข"]})
    with pytest.raises(LedgerError) as caught:
        pool.debts(SimpleNamespace(members=members), "ค")
    assert "'ค'" in caught.value.en and "ก, ข" in caught.value.en


def test_a_blank_amount_or_a_column_the_ledger_lacks_is_no_money():
    members = pd.DataFrame({"member_no": ["1"], "name": ["A"], "group": ["g"], "days": [40], "overdue": [100.0],
                            "interest_arrears": [float("nan")]})  # and no penalty column
    chosen = pool.debts(SimpleNamespace(members=members, loans=pd.DataFrame()), "g", "arrears")
    assert chosen[["overdue", "interest", "penalty", "owed"]].values.tolist() == [[10000, 0, 0, 10000]]
    assert chosen["owed"].dtype == "int64" and list(chosen["legal"]) == [False]  # no status column: nobody sued


def test_the_debts_with_who_is_under_legal_action_on_a_fresh_index():
    members = pd.DataFrame({"member_no": [7, 8, 9], "name": ["A", "B", "C"], "group": ["g", "g", "h"],
                            "days": [40, 0, 5], "overdue": [100.0, 0.0, 1.0], "penalty": [1.0, 0.0, 0.0],
                            "legal": [True, False, False]}, index=[5, 6, 7])
    chosen = pool.debts(SimpleNamespace(members=members, loans=pd.DataFrame()), None, "arrears")
    assert list(chosen.columns) == ["member", "name", "group", "days", "overdue", "interest", "penalty", "owed",
                                    "legal"]
    assert chosen.values.tolist() == [["7", "A", "g", 40, 10000, 0, 100, 10100, True],
                                      ["9", "C", "h", 5, 100, 0, 0, 100, False]]
