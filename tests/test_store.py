"""Snapshots: saved and reloaded, a snapshot gives the same follow-up as the two files, on SQLite and on
PostgreSQL (KMDASH_TEST_PG_URL, which .ci/run sets; under CI=true its absence is a failure, not a skip)."""

from __future__ import annotations

import os

import pytest
import sqlalchemy as sa

from kmdash import store
from kmdash.synthetic.pairs import ledger_pair

from .test_followup import write_pair

PG_URL = os.environ.get("KMDASH_TEST_PG_URL")


def pg_url() -> str:
    if PG_URL:
        return PG_URL
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true but KMDASH_TEST_PG_URL is not set: .ci/run starts PostgreSQL with scripts/start-postgres.sh")
    pytest.skip("no KMDASH_TEST_PG_URL (scripts/start-postgres.sh starts a local PostgreSQL)")


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'snapshots.db'}"
        return
    url = pg_url()
    engine = sa.create_engine(url)
    store.metadata.drop_all(engine)  # a clean schema per test
    yield url
    store.metadata.drop_all(engine)
    engine.dispose()


@pytest.fixture(scope="module")
def pair():
    return ledger_pair(300, seed=11)


@pytest.fixture
def files(pair, tmp_path):
    return write_pair(pair, tmp_path)


def followup_json(cli, old, new, *extra) -> dict:
    return cli("followup", old, new, "--json", *extra).json


def test_a_snapshot_gives_the_same_comparison_as_the_old_file(files, tmp_path, url, cli):
    plan = tmp_path / "plan.xlsx"
    assert cli("plan", files[0], "--out", plan).code == 0
    saved = cli("snapshot", "save", files[0], "--plan", plan, "--store", url)
    assert saved.code == 0, saved.err
    listed = cli("snapshot", "list", "--json", "--store", url).json
    (snap,) = listed["snapshots"]
    assert snap["as_of"] == "2024-03-31" and snap["coop"] and snap["members"] > 0
    from_files = followup_json(cli, files[0], files[1], "--plan", plan)
    from_store = followup_json(cli, f"snapshot:{snap['id']}", files[1], "--store", url)
    assert from_store == from_files


def test_delete_removes_the_rows(files, url, cli):
    assert cli("snapshot", "save", files[0], "--store", url).code == 0
    (snap,) = cli("snapshot", "list", "--json", "--store", url).json["snapshots"]
    assert cli("snapshot", "delete", snap["id"], "--store", url).code == 0
    engine = store.open_store(url)
    with engine.connect() as conn:
        for table in (store.snapshot, *store.CHILDREN):
            assert conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() == 0
    again = cli("snapshot", "delete", snap["id"], "--store", url)
    assert again.code == 2 and str(snap["id"]) in again.err
    engine.dispose()


def test_deleted_names_are_overwritten_in_the_sqlite_file(pair, files, tmp_path, cli):
    path = tmp_path / "s.db"
    assert cli("snapshot", "save", files[0], "--store", path).code == 0
    name = pair.old["name"].iloc[0].split(" ", 1)[1].encode()
    assert name in path.read_bytes()
    assert cli("snapshot", "delete", "1", "--store", path).code == 0
    assert name not in path.read_bytes()


def test_an_older_snapshot_loads_and_a_newer_one_is_refused(files, url, cli):
    assert cli("snapshot", "save", files[0], "--store", url).code == 0
    engine = store.open_store(url)
    with engine.begin() as conn:  # as an older kmdash wrote it: no contracts kept
        conn.execute(store.snapshot_loan.delete())
    assert store.load(engine, 1).loans is None
    assert cli("followup", "snapshot:1", files[1], "--store", url, "--json").json["loans"] is None
    with engine.begin() as conn:
        conn.execute(store.snapshot.update().values(schema_version=store.SCHEMA_VERSION + 1))
    newer = cli("followup", "snapshot:1", files[1], "--store", url)
    assert newer.code == 2 and "newer" in newer.err
    engine.dispose()


def test_bad_snapshot_references_are_user_errors(files, tmp_path, cli):
    assert cli("followup", "snapshot:x", files[1]).code == 2
    missing = cli("followup", "snapshot:9", files[1], "--store", tmp_path / "empty.db")
    assert missing.code == 2 and "9" in missing.err
