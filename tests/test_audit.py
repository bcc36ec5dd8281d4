"""The audit trail (store.log, store.audit_trail, the `audit` command) and retention (`snapshot prune`): every
save, delete, prune, import, correction and deletion appears once with who did it; nothing in the trail can be
changed or deleted, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest
import sqlalchemy as sa

from kmdash import record, store


def actions_of(members: list[str], day: date) -> pd.DataFrame:
    return pd.DataFrame([{"member": m, "date": day, "kind": "letter_sent", "technique": 1, "amount": 0,
                          "promised_date": None, "by": "สมชาย", "note": ""} for m in members]
                        ).astype({"technique": "int64", "amount": "int64"})


def test_every_change_is_one_event_with_its_user(store_url, year, year_results, monkeypatch):
    monkeypatch.setenv(store.USER_ENV, "มาลี")
    engine = store.open_store(store_url)
    coop = year_results[0].ledger.coop
    first = store.save_ledger(engine, year_results[0])
    store.save_ledger(engine, year_results[1], by="สมศักดิ์")
    ids, _ = record.add(engine, coop, actions_of(["00001", "00002"], year.dates[0]), "record.csv")
    record.add(engine, coop, actions_of(["00001"], year.dates[0]), "again.csv")  # already there: nothing added
    record.correct(engine, ids[0], {**actions_of(["00003"], year.dates[0]).iloc[0].to_dict()})
    record.delete(engine, ids[1:])
    store.delete(engine, first.id)
    store.prune(engine, date(2030, 1, 1), by="admin")
    trail = store.audit_trail(engine)
    assert trail[["by", "event", "coop"]].values.tolist() == [
        ["มาลี", "snapshot_saved", coop], ["สมศักดิ์", "snapshot_saved", coop], ["มาลี", "actions_imported", coop],
        ["มาลี", "action_corrected", coop], ["มาลี", "actions_deleted", coop], ["มาลี", "snapshot_deleted", coop],
        ["admin", "snapshots_pruned", coop]]
    assert trail["what"].tolist()[:3] == [f"snapshot:1 {year.dates[0].isoformat()} 01.xlsx",
                                          f"snapshot:2 {year.dates[1].isoformat()} 02.xlsx", "2 from record.csv"]
    assert trail["what"].iloc[-1] == "1 before 2030-01-01: snapshot:2"
    assert trail["id"].is_monotonic_increasing and trail["at"].notna().all()


def test_the_record_s_changes_name_the_person_given(store_url, monkeypatch):
    monkeypatch.setenv(store.USER_ENV, "มาลี")  # the computer's login: not the one named
    engine = store.open_store(store_url)
    coop, day = "สหกรณ์ทดลอง จำกัด", date(2024, 4, 2)
    ids, _ = record.add(engine, coop, actions_of(["00001", "00002", "00003"], day), by="สมศักดิ์")  # no file named
    record.correct(engine, ids[0], actions_of(["00004"], day).iloc[0].to_dict(), by="สมศรี")
    record.delete(engine, ids[1:], by="สมหญิง")
    assert store.audit_trail(engine)[["by", "event", "coop", "what"]].values.tolist() == [
        ["สมศักดิ์", "actions_imported", coop, "3 from -"], ["สมศรี", "action_corrected", coop, "1"],
        ["สมหญิง", "actions_deleted", coop, "2 3"]]  # a new store's ids: 1, 2, 3


@pytest.mark.parametrize("change", ["update", "delete"])
def test_the_trail_cannot_be_changed_or_deleted(store_url, year_results, change):
    engine = store.open_store(store_url)
    store.save_ledger(engine, year_results[0])
    statement = store.audit.update().values(by="someone else") if change == "update" else store.audit.delete()
    with pytest.raises(sa.exc.DatabaseError, match="append-only"):
        with engine.begin() as conn:
            conn.execute(statement)
    assert store.audit_trail(engine)["by"].tolist() == [store.who()]


def test_a_failed_change_leaves_no_event(store_url, year_results):
    engine = store.open_store(store_url)
    with pytest.raises(Exception):
        store.delete(engine, 99)
    with pytest.raises(Exception):
        record.delete(engine, [99])
    assert store.audit_trail(engine).empty


def test_prune_deletes_only_snapshots_older_than_the_date(store_url, year, year_results):
    engine = store.open_store(store_url)
    for result in year_results[:4]:
        store.save_ledger(engine, result)
    gone = store.prune(engine, year.dates[2])
    assert gone == [1, 2]
    assert sorted(store.snapshots(engine)["id"]) == [3, 4]
    with engine.connect() as conn:
        for table in store.CHILDREN:
            assert conn.execute(sa.select(sa.func.count()).select_from(table).where(
                table.c.snapshot_id.in_([1, 2]))).scalar() == 0
    assert store.prune(engine, year.dates[0]) == []
    assert store.audit_trail(engine)["event"].tolist().count("snapshots_pruned") == 1  # nothing pruned: no event


@pytest.mark.parametrize("text, today, before", [("5y", date(2026, 12, 5), date(2021, 12, 5)),
                                                  ("18m", date(2024, 8, 31), date(2023, 2, 28)),
                                                  ("90d", date(2024, 3, 31), date(2024, 1, 1)),
                                                  (" 1Y ", date(2024, 2, 29), date(2023, 2, 28))])
def test_a_retention_period_is_years_months_or_days(text, today, before):
    from kmdash.cli.snapshot import period

    assert period(text)(today) == before


def test_the_commands(cli, tmp_path, year_files):
    url = f"sqlite:///{tmp_path / 's.db'}"
    assert cli("snapshot", "save", *year_files[:2], "--store", url).code == 0
    pruned = cli("snapshot", "prune", "--older-than", "1y", "--store", url, "--lang", "en")
    assert pruned.code == 0 and "2 snapshot(s) dated before" in pruned.out
    events = json.loads(cli("audit", "--store", url, "--json").out)["events"]
    assert [e["event"] for e in events] == ["snapshot_saved", "snapshot_saved", "snapshots_pruned"]
    assert set(events[0]) == {"id", "at", "by", "event", "coop", "what"}
    text = cli("audit", "--store", url, "--lang", "en").out
    assert "snapshot saved" in text and "snapshots pruned" in text
    bad = cli("snapshot", "prune", "--older-than", "5x", "--store", url, "--lang", "en")
    assert bad.code == 2 and "not a period" in bad.err


def test_the_retention_period_is_a_setting(cli, tmp_path, year_files, monkeypatch):
    url = f"sqlite:///{tmp_path / 's.db'}"
    assert cli("snapshot", "save", *year_files[:2], "--store", url).code == 0
    assert "0 snapshot(s)" in cli("snapshot", "prune", "--store", url, "--lang", "en").out  # 5y: 2024 is kept
    monkeypatch.setenv("KMDASH_RETENTION", "1y")
    assert "2 snapshot(s)" in cli("snapshot", "prune", "--store", url, "--lang", "en").out
