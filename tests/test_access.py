"""Per-co-op access to one store (kmdash.scope): a co-op's staff, given an engine bound to their scope, reach
only their co-op's snapshots, history, province row, record and audit rows, by listing or by a snapshot or
action id typed in; an officer reaches every co-op. Counts come from the fixture: which co-op's ledgers were
saved and how many members the generator gave each. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from kmdash import province, record, store
from kmdash.errors import LedgerError
from kmdash.history import history
from kmdash.scope import EVERYTHING, Scope, scope_of, scoped


def actions_of(member: str, day: date) -> pd.DataFrame:
    return pd.DataFrame([{"member": member, "date": day, "kind": "leader_visit", "technique": 2, "amount": 0,
                          "promised_date": None, "by": "สมชาย", "note": ""}]).astype({"technique": "int64",
                                                                                      "amount": "int64"})


@pytest.fixture
def shared(store_url, two_coops):
    """One store holding both co-ops' two snapshots each and one action each: (engine, coops, snapshot ids per
    co-op, action id per co-op)."""
    coops, results = two_coops
    engine = store.open_store(store_url)
    ids = [[store.save_ledger(engine, r).id for r in per_coop] for per_coop in results]
    acted = [record.add(engine, coop.name, actions_of("00001", date(2024, 4, 2)), "visits.csv")[0][0]
             for coop in coops]
    yield engine, coops, ids, acted
    engine.dispose()


def staff_of(engine, coop) -> object:
    return scoped(engine, Scope(frozenset({coop.name}), names=True, user="มาลี"))


def test_staff_list_and_load_only_their_own_co_op(shared):
    engine, (a, b), ids, _ = shared
    mine = staff_of(engine, a)
    assert store.snapshots(mine)["id"].sort_values().tolist() == ids[0]
    assert store.coops(mine) == [a.name]
    assert [len(store.load(mine, i).members) for i in ids[0]] == list(a.members)
    for typed in ids[1]:  # another co-op's id typed in: as if it did not exist
        with pytest.raises(LedgerError) as refused:
            store.load(mine, typed)
        assert refused.value.code == "snap_none"
    assert store.snapshots(engine)["id"].sort_values().tolist() == sorted(ids[0] + ids[1])


def test_staff_cannot_delete_or_save_another_co_op_s(shared, two_coops):
    engine, (a, b), ids, _ = shared
    mine = staff_of(engine, a)
    with pytest.raises(LedgerError) as refused:
        store.delete(mine, ids[1][0])
    assert refused.value.code == "snap_none"
    with pytest.raises(LedgerError) as refused:
        store.save_ledger(mine, two_coops[1][1][1])
    assert refused.value.code == "snap_not_yours" and b.name in refused.value.message("en")
    assert len(store.snapshots(engine)) == 4
    store.delete(mine, ids[0][1])  # their own, saved again
    assert store.save_ledger(mine, two_coops[1][0][1]).coop == a.name


def test_prune_through_a_scope_deletes_only_that_co_op_s(shared):
    engine, (a, b), ids, _ = shared
    assert store.prune(staff_of(engine, a), date(2030, 1, 1)) == ids[0]
    assert store.snapshots(engine)["id"].sort_values().tolist() == ids[1]


def test_history_and_province_keep_to_the_scope(shared):
    engine, (a, b), _, _ = shared
    mine = staff_of(engine, a)
    assert history(b.name, store.history_rows(mine, b.name), record.listed(mine), 3).points.empty
    assert history(a.name, store.history_rows(mine, a.name), record.listed(mine), 3).points["members"].tolist() \
        == list(a.members)
    assert [r.coop for r in province.stored_rows(mine)] == [a.name]
    assert [r.members for r in province.stored_rows(engine)] == [a.members[-1], b.members[-1]]


def test_the_record_keeps_to_the_scope(shared):
    engine, (a, b), _, acted = shared
    mine = staff_of(engine, a)
    assert record.listed(mine)["coop"].tolist() == [a.name]
    assert record.listed(mine, b.name).empty
    record.add(mine, a.name, actions_of("00002", date(2024, 4, 3)), "more.csv")  # their own: recorded, theirs
    assert record.listed(mine)["member"].tolist() == ["00001", "00002"]
    assert store.audit_trail(mine)[["event", "by"]].values.tolist()[-1] == ["actions_imported", "มาลี"]
    with pytest.raises(LedgerError) as refused:
        record.add(mine, b.name, actions_of("00002", date(2024, 4, 3)), "more.csv")
    assert refused.value.code == "snap_not_yours"
    for change in (lambda: record.delete(mine, [acted[1]]),
                   lambda: record.correct(mine, acted[1], actions_of("00003", date(2024, 4, 3)).iloc[0].to_dict())):
        with pytest.raises(LedgerError) as refused:
            change()
        assert refused.value.code == "actions_none_id"
    assert record.listed(engine)["member"].tolist() == ["00001", "00001", "00002"]


def test_the_audit_trail_keeps_to_the_scope_and_names_the_person(shared):
    engine, (a, b), ids, _ = shared
    mine = staff_of(engine, a)
    store.delete(mine, ids[0][0])
    trail = store.audit_trail(mine)
    assert set(trail["coop"]) == {a.name}
    assert trail[["event", "by"]].values.tolist()[-1] == ["snapshot_deleted", "มาลี"]
    assert len(store.audit_trail(engine)) == len(trail) + 3  # b's two saves and its import


def test_an_officer_sees_every_co_op(shared):
    engine, (a, b), ids, _ = shared
    officer = scoped(engine, Scope(None, names=False, user="ประยุทธ"))
    assert store.coops(officer) == [a.name, b.name]
    assert len(store.load(officer, ids[1][1]).members) == b.members[1]


def test_a_ledger_naming_no_co_op_is_seen_only_by_everyone_s_scope(store_url, two_coops):
    engine = store.open_store(store_url)
    snap = store.of_result(two_coops[1][0][0])
    snap.coop = None
    unnamed = store.save(engine, snap)
    mine = staff_of(engine, two_coops[0][0])
    assert store.snapshots(mine).empty and store.coops(engine) == [None]
    with pytest.raises(LedgerError):
        store.load(mine, unnamed)
    with pytest.raises(LedgerError) as refused:
        store.save(mine, snap)
    assert refused.value.message("en") == ("this account may only see and save its own co-op's data; this ledger is "
                                           "-'s: ask the admin to add that co-op to the account")


def test_a_scope_travels_with_the_engine_and_its_connections(store_url):
    engine = store.open_store(store_url)
    scope = Scope(frozenset({"ก"}), names=False, user="x")
    assert scope_of(engine) == EVERYTHING
    with scoped(engine, scope).connect() as conn:
        assert scope_of(conn) == scope
    assert scope.allows("ก") and not scope.allows("ข") and not scope.allows(None)
    assert EVERYTHING.allows(None) and EVERYTHING.names
    assert Scope(frozenset({""})).allows(None)  # the record keys a ledger naming no co-op ""
