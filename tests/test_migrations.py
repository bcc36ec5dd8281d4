"""The store's migrations (kmdash/migrations): the snapshots.db kmdash wrote before them (tests/fixtures, made by
the store's code of the day) upgrades without loss: it lists, loads and follows up as it did, its plan whole
(the group leaders it never kept empty). Revision 0001 is exactly the schema `create_all` made; every store ends
as `store.metadata` says; opening twice changes nothing; a failed upgrade changes nothing; a newer store is
refused. On SQLite and PostgreSQL (the fixture's rows copied into 0001's tables there).

Expected values are the fixtures' (`snapshots_v1_*`), written by the old code; the fixture files are only read.
The old follow-up took the plan's status "refinanced" for a pool repayment; refinanced now comes only from recorded
pool repayments (revision 0003's `action` table, empty in an upgraded store), so that money is cash recovered.
"""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from pandas.testing import assert_frame_equal

from kmdash import migrations, store
from kmdash.errors import LedgerError
from kmdash.plan import read_plan
from kmdash.synthetic import LedgerShape, ledger_rows
from kmdash.synthetic.pairs import ledger_pair

from .support.ledgers import ROOT, write_rows

FIXTURES = ROOT / "tests" / "fixtures"
OLD_DB, OLD_PLAN = FIXTURES / "snapshots_v1.db", FIXTURES / "snapshots_v1_plan.csv"
TABLES = ("snapshot", "snapshot_member", "snapshot_plan", "snapshot_loan")  # 0001's, parents first


@pytest.fixture(scope="module")
def old_copy(tmp_path_factory):
    """The fixture's file copied (never opened in place)."""
    path = tmp_path_factory.mktemp("v1") / "snapshots_v1.db"
    shutil.copy(OLD_DB, path)
    return path


@pytest.fixture(scope="module")
def new_ledger(tmp_path_factory):
    """The later ledger the fixture's follow-up was made against, written as the fixture's maker wrote it."""
    pair = ledger_pair(400, seed=3)
    return write_rows(ledger_rows(pair.new, LedgerShape(), pair.as_of_new), tmp_path_factory.mktemp("new") / "new.xlsx")


def old_rows(old_copy, table: str) -> list[tuple]:
    """A table of the fixture as the old code stored it, in its stored order."""
    with sqlite3.connect(old_copy) as conn:
        return conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()


@pytest.fixture
def legacy(store_url, old_copy, tmp_path):
    """A store as kmdash wrote it before migrations: on SQLite the fixture (a copy); on PostgreSQL its rows in
    revision 0001's tables, without Alembic's version table."""
    if store_url.startswith("sqlite"):
        shutil.copy(old_copy, tmp_path / "snapshots.db")
        return store_url
    engine = sa.create_engine(store_url)
    with engine.begin() as conn:
        command.upgrade(migrations.config(conn), "0001")
        conn.execute(sa.text("DROP TABLE alembic_version"))
        tables = sa.MetaData()
        tables.reflect(conn)
        for name in TABLES:
            table = tables.tables[name]
            conn.execute(table.insert(), [dict(zip(table.columns.keys(), row)) for row in old_rows(old_copy, name)])
        conn.execute(sa.text("SELECT setval(pg_get_serial_sequence('snapshot', 'id'), (SELECT max(id) FROM snapshot))"))
    engine.dispose()
    return store_url


def revision_of(url: str) -> str | None:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        found = MigrationContext.configure(conn).get_current_revision()
    engine.dispose()
    return found


def dump(url: str) -> dict[str, list]:
    """Every table's rows, sorted, and the revision."""
    engine = sa.create_engine(url)
    tables = sa.MetaData()
    tables.reflect(engine)
    with engine.connect() as conn:
        rows = {name: sorted(map(tuple, conn.execute(sa.select(table))), key=repr)
                for name, table in tables.tables.items()}
    engine.dispose()
    return rows


# ---------------------------------------------------------------- the old store, upgraded


def test_the_old_store_lists_as_it_did(legacy, cli):
    listed = cli("snapshot", "list", "--json", "--store", legacy).json
    assert listed["snapshots"] == json.loads((FIXTURES / "snapshots_v1_list.json").read_text())["snapshots"]
    assert revision_of(legacy) == migrations.head()


UNCHANGED = ("as_of_old", "as_of_new", "status", "members", "transitions", "loans", "overdue_then", "overdue_now",
             "left_overdue", "increase")
PLAN_ROW = ("members", "missing", "overdue_then", "overdue_now")  # a plan row's figures whatever was refinanced


def cents(baht: float) -> int:
    return round(baht * 100)


def moved(row: dict) -> int:
    """What the old follow-up called recovered and refinanced: cash recovered now that refinanced comes only from
    recorded pool repayments (the fixture's store records none)."""
    return cents(row["recovered"]) + cents(row["refinanced"])


def test_the_old_store_follows_up_with_the_same_figures(legacy, new_ledger, cli):
    """The upgraded store loses nothing. Only the money the old plan's status marked "refinanced" moves: no pool
    repayment is recorded, so it is cash recovered, to the satang."""
    found = cli("followup", "snapshot:1", new_ledger, "--json", "--store", legacy).json
    old = json.loads((FIXTURES / "snapshots_v1_followup.json").read_text())
    assert {k: found[k] for k in UNCHANGED} == {k: old[k] for k in UNCHANGED}
    assert (cents(found["recovered"]), found["refinanced"]) == (moved(old), 0.0) and old["refinanced"] > 0
    assert found["refinanced_members"] == found["plan"]["refinanced"] == {"members": 0, "amount": 0.0}
    assert found["plan"]["missing"] == old["plan"]["missing"]
    for dimension in ("group", "assignee", "grade", "tier", "pool_cycle"):
        rows = {r["value"]: r for r in found["plan"][f"by_{dimension}"]}
        assert set(rows) == {r["value"] for r in old["plan"][f"by_{dimension}"]}, dimension
        for was in old["plan"][f"by_{dimension}"]:
            now = rows[was["value"]]
            assert {k: now[k] for k in PLAN_ROW} == {k: was[k] for k in PLAN_ROW}, (dimension, was["value"])
            assert (cents(now["recovered"]), now["refinanced"], now["refinanced_members"]) == (moved(was), 0.0, 0)
    whole = {k: sum(r[k] for r in old["plan"]["by_group"]) for k in ("members", "missing")}
    technique = found["plan"]["by_technique"]  # the old plan chose no technique: one row of every plan member
    assert [r["value"] for r in technique] == [""] and {k: technique[0][k] for k in whole} == whole
    debtors = [m for m in old["members"] if m["overdue_then"] > 0]
    assert found["by_action"] == [] and found["untreated"]["members"] == len(debtors)
    assert (cents(found["untreated"]["overdue_then"]), cents(found["untreated"]["recovered"])) == \
        (sum(cents(m["overdue_then"]) for m in debtors), moved(old))
    assert {k: v for k, v in found["promises"].items() if k != "broken_list"} == \
        {"kept": 0, "broken": 0, "pending": 0, "kept_amount": 0.0, "broken_amount": 0.0}


def test_the_old_store_upgrades_to_the_record_with_nothing_recorded(legacy):
    store.open_store(legacy).dispose()
    assert revision_of(legacy) == migrations.head() and "0003" in migrations.revisions()
    engine = sa.create_engine(legacy)
    assert sa.inspect(engine).has_table("action")
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(store.action)).scalar_one() == 0
    engine.dispose()


def test_the_old_plan_loads_whole_and_its_group_leaders_empty(legacy, old_copy):
    engine = store.open_store(legacy)
    first, second = store.load(engine, 1), store.load(engine, 2)
    filled = read_plan(OLD_PLAN)
    assert (filled["group_leader"] != "").any()  # what the staff filled and the old store dropped
    assert_frame_equal(first.plan, filled.assign(group_leader=""))
    assert second.plan is None and first.schema_version == second.schema_version == 1
    members = [(r[1], r[2], r[3], r[4], r[5], r[7]) for r in old_rows(old_copy, "snapshot_member") if r[0] == 1]
    got = first.members.assign(overdue=(first.members["overdue"] * 100).round().astype(int),
                               bucket=first.members["bucket"].astype(str))
    assert sorted(map(tuple, got.itertuples(index=False))) == sorted(members)
    contracts = sorted((r[1], r[2]) for r in old_rows(old_copy, "snapshot_loan") if r[0] == 1)
    assert sorted(map(tuple, first.loans.itertuples(index=False))) == contracts
    engine.dispose()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_old_plan_exports_as_it_was_saved(legacy, tmp_path, cli, suffix):
    out = tmp_path / f"plan{suffix}"
    assert cli("snapshot", "export", "1", "--out", out, "--store", legacy).code == 0
    assert_frame_equal(read_plan(out), read_plan(OLD_PLAN).assign(group_leader=""))


def test_the_upgraded_and_a_new_store_hold_the_stores_tables(legacy, tmp_path):
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    for url in (legacy, fresh):
        engine = store.open_store(url)
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), store.metadata) == [], url
        engine.dispose()


def test_revision_0001_is_the_schema_the_old_code_made(old_copy, tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'first.db'}")
    with engine.begin() as conn:
        command.upgrade(migrations.config(conn), "0001")
    schema = "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE '%alembic%' ORDER BY name"
    with engine.connect() as conn:
        made = conn.exec_driver_sql(schema).all()
    engine.dispose()
    with sqlite3.connect(old_copy) as old:
        assert [tuple(r) for r in made] == old.execute(schema).fetchall()


def test_opening_twice_changes_nothing(legacy, tmp_path):
    store.open_store(legacy).dispose()
    before = dump(legacy)
    file = tmp_path / "snapshots.db"
    data = file.read_bytes() if legacy.startswith("sqlite") else None
    store.open_store(legacy).dispose()
    assert dump(legacy) == before and before["alembic_version"] == [(migrations.head(),)]
    if data is not None:
        assert file.read_bytes() == data


def test_an_upgrade_that_finds_the_store_upgraded_meanwhile_does_nothing(legacy):
    store.open_store(legacy).dispose()
    before = dump(legacy)
    engine = sa.create_engine(legacy)
    with engine.begin() as conn:  # a second process, once the first has upgraded and let go of the lock
        migrations.upgrade(conn)
    engine.dispose()
    assert dump(legacy) == before


def test_a_store_upgraded_by_a_newer_kmdash_is_refused_and_left_alone(legacy, cli):
    store.open_store(legacy).dispose()
    engine = sa.create_engine(legacy)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0999'"))
    engine.dispose()
    before = dump(legacy)
    refused = cli("snapshot", "list", "--store", legacy, "--lang", "en")
    where = store.where(sa.create_engine(legacy))
    assert refused.code == 2 and f"store {where} was upgraded by a newer kmdash (revision 0999)" in refused.err
    assert refused.err.count("\n") == 1
    with pytest.raises(LedgerError, match="newer"):
        store.open_store(legacy)
    assert dump(legacy) == before


def test_an_upgrade_that_fails_leaves_the_old_store_as_it_was(legacy):
    engine = sa.create_engine(legacy)
    with engine.begin() as conn:  # in the way of 0002's renaming, after it has dropped an index
        conn.execute(sa.text("CREATE TABLE snapshot_plan_0001 (x INTEGER)"))
    engine.dispose()
    before = dump(legacy)
    indexes = sa.inspect(sa.create_engine(legacy)).get_indexes("snapshot_plan")
    with pytest.raises(LedgerError):
        store.open_store(legacy)
    assert dump(legacy) == before and revision_of(legacy) is None
    assert sa.inspect(sa.create_engine(legacy)).get_indexes("snapshot_plan") == indexes != []
