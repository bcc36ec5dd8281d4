"""Snapshots: saved and reloaded, a snapshot gives the same follow-up as the two files, and a plan the staff filled
in comes back the same table (every column and cell) through the store, `snapshot export` and the follow-up;
on SQLite and on PostgreSQL (KMDASH_TEST_PG_URL, which .ci/run sets; under CI=true its absence is a failure,
not a skip). The expected plan is the one the test filled in, never one the store computed."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pandas as pd
import pytest
import sqlalchemy as sa
from openpyxl import load_workbook
from pandas.testing import assert_frame_equal

from kmdash import i18n, store
from kmdash.errors import LedgerError
from kmdash.pipeline import run
from kmdash.plan import make_plan, read_plan, typed
from kmdash.report.plan import plan_csv
from kmdash.schema import Field
from kmdash.synthetic import LedgerShape, ledger_rows
from kmdash.synthetic.pairs import ledger_pair
from kmdash.techniques import registry
from kmdash.techniques.base import Card, Score, Technique
from kmdash.techniques.selector import rank

from .support.app import open_app_page
from .support.figures import BUCKETS
from .support.ledgers import ROOT, write_rows

LEADER, NOTE = "นายสมหมาย ใจดี", "นัดชำระ 15 พ.ค.\nโทรแล้ว ไม่รับสาย"
FORMULAS = ("=SUM(A1:A3)", "+66 81 234 5678", "-", "@นายเก่ง", "=HYPERLINK(\"http://x\")")


@pytest.fixture(scope="module")
def pair():
    return ledger_pair(300, seed=11)


@pytest.fixture(scope="module")
def files(pair, tmp_path_factory):
    folder = tmp_path_factory.mktemp("pair")
    return (write_rows(ledger_rows(pair.old, LedgerShape(), pair.as_of_old), folder / "old.xlsx"),
            write_rows(ledger_rows(pair.new, LedgerShape(), pair.as_of_new), folder / "new.xlsx"))


@pytest.fixture(scope="module")
def result(files):
    return run(files[0])


def filled_by_staff(plan: pd.DataFrame) -> pd.DataFrame:
    """The plan as the staff fill it in: group leaders, Thai notes over two lines (also CR LF, and a tab), text
    that looks like a formula, deadlines written in BE, a status; the tools' assignees and pool cycles kept."""
    filled = plan.copy()
    rows = filled.index
    filled.loc[rows[::3], "group_leader"] = LEADER
    filled.loc[rows[::4], "notes"] = NOTE
    filled.loc[rows[::5], "deadline"] = "31/05/2567"
    filled.loc[rows[::6], "status"] = "ชำระบางส่วน"
    for row, text in zip(rows[1:], FORMULAS):
        filled.loc[row, ["notes", "tier"]] = text
    filled.loc[rows[-1], "notes"] = "บรรทัดแรก\r\nบรรทัดสอง\tแท็บ"
    return filled


@pytest.fixture(scope="module")
def filled(result) -> pd.DataFrame:
    plan = filled_by_staff(make_plan(result, "th", {"staff": "สมชาย,สมศรี", "pool": 6_000_000}))  # satang
    assert (plan["pool_cycle"] != "").any() and (plan["assignee"] != "").all()
    return plan


@pytest.fixture
def filled_csv(filled, tmp_path):
    path = tmp_path / "filled.csv"
    path.write_bytes(plan_csv(filled, False))
    return path


def followup_json(cli, old, new, *extra) -> dict:
    return cli("followup", old, new, "--json", *extra).json


# ---------------------------------------------------------------- the filled plan, whole


def test_a_filled_plan_is_loaded_back_the_same_table(result, filled, store_url):
    engine = store.open_store(store_url)
    snap = store.save_ledger(engine, result, "th", filled)
    loaded = store.load(engine, snap.id).plan
    assert_frame_equal(loaded, typed(filled))
    for column in ("group_leader", "notes", "tier", "deadline", "pool_cycle", "assignee", "name"):
        assert loaded[column].tolist() == filled[column].tolist(), column
    assert loaded["overdue"].tolist() == filled["overdue"].tolist()  # to the satang
    engine.dispose()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_filled_plan_survives_save_and_export(files, filled, filled_csv, store_url, tmp_path, cli, suffix):
    saved = cli("snapshot", "save", files[0], "--plan", filled_csv, "--store", store_url)
    assert saved.code == 0, saved.err
    out = tmp_path / f"exported{suffix}"
    exported = cli("snapshot", "export", "1", "--out", out, "--store", store_url, "--lang", "en")
    assert exported.code == 0 and str(out) in exported.out, exported.err
    assert_frame_equal(read_plan(out), read_plan(filled_csv))
    engine = store.open_store(store_url)
    assert_frame_equal(read_plan(out), store.load(engine, 1).plan)
    engine.dispose()
    if suffix == ".xlsx":  # each technique's sheet (titled in English): the members its Thai cell lists
        sheets = load_workbook(out, read_only=True)
        for card in registry.cards():
            listed = filled.loc[filled["techniques"].str.contains(card.short[0]), "member"].tolist()
            rows = sheets[f"{card.number} {card.short[1]}"].iter_rows(min_row=2, values_only=True)
            assert [row[0] for row in rows] == listed and listed, card.key


def test_a_filled_plan_followed_up_from_the_snapshot_gives_what_the_file_gives(files, filled_csv, store_url, cli):
    assert cli("snapshot", "save", files[0], "--plan", filled_csv, "--store", store_url).code == 0
    from_store = followup_json(cli, "snapshot:1", files[1], "--store", store_url)
    assert from_store == followup_json(cli, files[0], files[1], "--plan", filled_csv)
    assert from_store["plan"]["by_group"] and from_store["plan"]["by_pool_cycle"]


def test_without_a_plan_the_snapshot_keeps_the_plan_kmdash_makes(files, store_url, tmp_path, cli):
    plan = tmp_path / "plan.csv"
    assert cli("plan", files[0], "--out", plan).code == 0
    assert cli("snapshot", "save", files[0], "--store", store_url).code == 0
    engine = store.open_store(store_url)
    assert_frame_equal(store.load(engine, 1).plan, read_plan(plan))
    engine.dispose()


class Visits(Technique):
    """A sixth technique registered after the store's code was written: its plan field is new to the store."""

    card = Card(6, "visits", ("การเยี่ยมบ้าน", "Home visits"), ("เยี่ยมบ้าน", "visits"), ("", ""), ("", ""), ())
    plan_fields = (Field("visit_day", filled_by="technique 6", rank=70),)

    def applies(self, facts) -> pd.Series:
        return facts.members["days"] > 90

    def score(self, facts) -> Score:
        return Score(6, 0.0, ())


@pytest.fixture
def visits(monkeypatch):
    monkeypatch.setitem(i18n.CATALOGUE, "col_visit_day", ("วันเยี่ยมบ้าน", "Visit day"))
    yield registry.register(Visits())
    registry.unregister("visits")


def test_a_field_a_later_technique_adds_is_kept_without_a_migration(result, store_url, visits):
    plan = make_plan(result)
    plan["visit_day"] = plan["techniques"].map(lambda text: "1/06/2567" if "เยี่ยมบ้าน" in text else "")
    assert (plan["visit_day"] != "").any()
    engine = store.open_store(store_url)
    snap = store.save_ledger(engine, result, "th", plan)
    assert_frame_equal(store.load(engine, snap.id).plan, typed(plan))
    registry.unregister("visits")  # a kmdash without the technique still gives the field back, as text
    loaded = store.load(engine, snap.id).plan
    assert list(loaded.columns)[-1] == "visit_day" and loaded["visit_day"].tolist() == plan["visit_day"].tolist()
    unknown = loaded.assign(visit_day=[None, *loaded["visit_day"][1:]])  # and saves it again, a blank as blank
    store.delete(engine, snap.id)  # a co-op keeps one snapshot of a date
    again = store.load(engine, store.save_ledger(engine, result, "th", unknown).id).plan
    assert again["visit_day"].tolist() == ["", *plan["visit_day"][1:]]
    engine.dispose()


@pytest.mark.parametrize("upload", [False, True])
def test_the_page_saves_as_the_command_does(store_url, monkeypatch, tmp_path, cli, upload):
    """The Snapshots page on the sample ledger: without an upload the plan kmdash makes, else the filled one."""
    sample = ROOT / "sample_data" / "ledger_th.xlsx"
    plan = tmp_path / "plan.csv"
    assert cli("plan", sample, "--out", plan).code == 0
    if upload:
        plan.write_bytes(plan_csv(filled_by_staff(read_plan(plan)), False))
    monkeypatch.setenv(store.ENV, store_url)
    at = open_app_page("snapshots")
    if upload:  # a form's widgets are sent with its button
        at.file_uploader(key="snap_plan_file").set_value(("filled.csv", plan.read_bytes(), "text/csv"))
    at.button[0].click().run()  # the form's save button
    assert not at.exception and at.success
    engine = store.open_store(store_url)
    assert_frame_equal(store.load(engine, 1).plan, read_plan(plan))
    engine.dispose()


def test_the_plan_kmdash_makes_is_in_the_language_asked_with_the_columns_given(result, store_url):
    engine = store.open_store(store_url)
    member = result.analysis.members.loc[result.analysis.members["days"] > 0, "member_no"].iloc[0]
    prepared = pd.DataFrame({"assignee": ["มานพ"]}, index=[member])
    saved = store.save_ledger(engine, result, "en", prepared=[prepared])
    english = store.load(engine, saved.id).plan
    store.delete(engine, saved.id)  # a co-op keeps one snapshot of a date
    thai = store.load(engine, store.save_ledger(engine, result).id).plan
    assert english["techniques"].str.contains("sieving").any() and thai["techniques"].str.contains("ร่อนตะแกรง").any()
    assert english.loc[english["member"] == member, "assignee"].tolist() == ["มานพ"]
    engine.dispose()


def test_plan_money_is_kept_to_the_satang(result, filled, store_url):
    odd = filled.assign(overdue=filled["overdue"] + 0.004, interest=filled["interest"] + 0.006)
    engine = store.open_store(store_url)
    loaded = store.load(engine, store.save_ledger(engine, result, "th", odd).id).plan
    assert loaded["overdue"].tolist() == filled["overdue"].tolist()
    assert loaded["interest"].tolist() == (filled["interest"] + 0.01).round(2).tolist()
    engine.dispose()


def test_a_snapshot_loads_what_was_saved(result, store_url):
    engine = store.open_store(store_url)
    saved = store.save_ledger(engine, result)
    loaded = store.load(engine, saved.id)
    assert (loaded.id, loaded.coop, loaded.file) == (saved.id, result.ledger.coop, "old.xlsx")
    assert loaded.as_of == result.as_of
    assert loaded.saved_at.microsecond == 0 and loaded.schema_version == store.SCHEMA_VERSION
    members = loaded.members
    assert_frame_equal(members.drop(columns="bucket"), saved.members.drop(columns="bucket").reset_index(drop=True),
                       check_dtype=False)
    assert members["days"].dtype == "int64" and members["bucket"].cat.ordered
    assert list(members["bucket"].cat.categories) == [b for b in BUCKETS if b in set(members["bucket"])]
    assert members["bucket"].astype(str).tolist() == saved.members["bucket"].astype(str).tolist()
    assert loaded.loans is not None and len(loaded.loans) == len(result.analysis.loans)
    analysis = result.analysis  # the headline kept is the analysis's own figures, to the satang
    assert loaded.headline == store.Headline(analysis.headline["outstanding"], analysis.at_risk(30),
                                             analysis.at_risk(90), analysis.headline["members_long_overdue"],
                                             rank(analysis)[0].number)
    engine.dispose()


def test_a_ledger_saved_again_is_refused_naming_its_snapshot(result, store_url):
    engine = store.open_store(store_url)
    assert store.save_ledger(engine, result).id == 1
    with pytest.raises(LedgerError) as again:
        store.save_ledger(engine, result)
    coop = result.ledger.coop
    assert again.value.message("en") == (f"{coop} already has a snapshot of 31 Mar 2024 (id 1): not saved twice; "
                                         "delete snapshot 1 first to save it again")
    assert f"สหกรณ์ {coop} มีภาพบันทึกวันที่ 31 มี.ค. 2567 แล้ว (รหัส 1)" in again.value.message("th")
    assert len(store.snapshots(engine)) == 1
    engine.dispose()


def test_a_ledger_without_contract_numbers_keeps_no_loans(pair, tmp_path, store_url):
    shape = LedgerShape(drop_fields=("contract",))
    path = write_rows(ledger_rows(pair.old, shape, pair.as_of_old), tmp_path / "no_contracts.xlsx")
    engine = store.open_store(store_url)
    assert store.load(engine, store.save_ledger(engine, run(path)).id).loans is None
    engine.dispose()


# ---------------------------------------------------------------- the store's own parts


def test_where_names_the_file_or_the_url_without_its_password(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert store.where(sa.create_engine("sqlite:///kept.db")) == str(tmp_path / "kept.db")
    assert store.where(sa.create_engine("sqlite://")) == "sqlite://"
    for memory in ("sqlite:///:memory:", "sqlite:///"):
        assert store.where(sa.create_engine(memory)).startswith("sqlite://")  # a URL, not a path
    shown = store.where(sa.create_engine("postgresql+psycopg://kmdash:secret@db.example:5432/coop"))
    assert "secret" not in shown and shown.endswith("@db.example:5432/coop")


def test_the_store_is_the_one_given_else_kmdash_store_else_snapshots_db(monkeypatch):
    monkeypatch.delenv(store.ENV, raising=False)
    assert store.url_of() == "sqlite:///snapshots.db"
    monkeypatch.setenv(store.ENV, "sqlite:///elsewhere.db")
    assert store.url_of() == "sqlite:///elsewhere.db" and store.url_of("sqlite:///given.db") == "sqlite:///given.db"


def test_snapshot_references():
    assert store.snapshot_id("snapshot:3") == 3 and store.snapshot_id("snapshot: 12 ") == 12
    assert store.snapshot_id("old.xlsx") is None
    for ref in ("snapshot:x", "snapshot:", "snapshot:-1"):
        with pytest.raises(LedgerError) as told:
            store.snapshot_id(ref)
        assert told.value.code == "snap_bad_ref" and ref in told.value.en


def test_a_store_that_cannot_be_opened_is_a_user_error(tmp_path):
    for url, reason in (("nosuchdatabase://x", "nosuchdatabase"),
                        (f"sqlite:///{tmp_path / 'no' / 'folder' / 's.db'}", "unable to open database file")):
        with pytest.raises(LedgerError) as told:
            store.open_store(url)
        assert told.value.code == "snap_store_failed" and reason in told.value.en


def test_sqlite_keeps_foreign_keys_and_overwrites_what_it_deletes(tmp_path):
    engine = store.open_store(f"sqlite:///{tmp_path / 's.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
    engine.dispose()


def test_a_store_at_the_newest_revision_opens_while_another_process_writes(result, tmp_path):
    path = tmp_path / "s.db"
    store.open_store(f"sqlite:///{path}").dispose()
    with sqlite3.connect(path) as writer:
        writer.execute("BEGIN IMMEDIATE")  # another process in the middle of a save
        engine = store.open_store(f"sqlite:///{path}?timeout=0.2")
        assert store.snapshots(engine).empty
        engine.dispose()
        writer.rollback()


# ---------------------------------------------------------------- export's user errors


def test_exporting_what_has_no_plan_or_to_a_bad_file_is_a_user_error(files, store_url, tmp_path, cli):
    engine = store.open_store(store_url)
    bare = store.save(engine, store.of_result(run(files[0])))  # as the command saved it before it kept a plan
    engine.dispose()
    for args, words in (((bare, "--out", tmp_path / "p.csv"), "no plan"), ((9, "--out", tmp_path / "p.csv"), "9"),
                        ((bare, "--out", tmp_path / "p.pdf"), ".csv or .xlsx")):
        failed = cli("snapshot", "export", *args, "--store", store_url, "--lang", "en")
        assert failed.code == 2 and words in failed.err and failed.err.count("\n") == 1, failed.err
    assert not list(tmp_path.glob("p.*"))


# ---------------------------------------------------------------- snapshots and the follow-up


def test_a_snapshot_gives_the_same_comparison_as_the_old_file(files, tmp_path, store_url, cli):
    plan = tmp_path / "plan.xlsx"
    assert cli("plan", files[0], "--out", plan).code == 0
    saved = cli("snapshot", "save", files[0], "--plan", plan, "--store", store_url)
    assert saved.code == 0, saved.err
    listed = cli("snapshot", "list", "--json", "--store", store_url).json
    (snap,) = listed["snapshots"]
    assert snap["as_of"] == "2024-03-31" and snap["coop"] and snap["members"] > 0
    from_files = followup_json(cli, files[0], files[1], "--plan", plan)
    from_store = followup_json(cli, f"snapshot:{snap['id']}", files[1], "--store", store_url)
    assert from_store == from_files and from_store["loans"]["matched"] > 0


def test_delete_removes_the_rows(files, store_url, cli):
    for day in ("2024-03-31", "2024-04-30"):
        assert cli("snapshot", "save", files[0], "--as-of", day, "--store", store_url).code == 0
    engine = store.open_store(store_url)
    counts = {}
    with engine.connect() as conn:
        for table in (store.snapshot, *store.CHILDREN):
            counts[table.name] = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar()
    assert counts["snapshot_plan"] > 0
    assert cli("snapshot", "delete", "1", "--store", store_url).code == 0
    with engine.connect() as conn:  # the other snapshot's rows untouched
        for table in (store.snapshot, *store.CHILDREN):
            assert conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() * 2 == counts[table.name]
            assert conn.execute(sa.select(sa.func.count()).select_from(table).where(
                (table.c.id if table is store.snapshot else table.c.snapshot_id) == 1)).scalar() == 0
    again = cli("snapshot", "delete", "1", "--store", store_url, "--lang", "en")
    assert again.code == 2 and f"no snapshot 1 in {store.where(engine)}" in again.err
    engine.dispose()


def test_the_list_is_latest_first(files, store_url, cli):
    engine = store.open_store(store_url)
    for day in ("2024-03-31", "2024-04-30", "2024-05-31"):
        assert cli("snapshot", "save", files[0], "--as-of", day, "--store", store_url).code == 0
    with engine.begin() as conn:  # saved in one second, then the first said to be the latest
        conn.execute(store.snapshot.update().values(saved_at=datetime(2024, 4, 1, 9, 0)))
        conn.execute(store.snapshot.update().where(store.snapshot.c.id == 1).values(saved_at=datetime(2024, 4, 2)))
    assert store.snapshots(engine)["id"].tolist() == [1, 3, 2]
    engine.dispose()


def test_deleted_names_are_overwritten_in_the_sqlite_file(filled, files, tmp_path, cli):
    path = tmp_path / "s.db"
    assert cli("snapshot", "save", files[0], "--store", path).code == 0
    name = filled["name"].iloc[0].split(" ", 1)[1].encode()  # an overdue member: in the members and the plan
    assert path.read_bytes().count(name) >= 2
    assert cli("snapshot", "delete", "1", "--store", path).code == 0
    assert name not in path.read_bytes()


def test_an_older_snapshot_loads_and_a_newer_one_is_refused(files, store_url, cli):
    assert cli("snapshot", "save", files[0], "--store", store_url).code == 0
    engine = store.open_store(store_url)
    with engine.begin() as conn:  # as an older kmdash wrote it: no contracts kept
        conn.execute(store.snapshot_loan.delete())
    assert store.load(engine, 1).loans is None
    assert cli("followup", "snapshot:1", files[1], "--store", store_url, "--json").json["loans"] is None
    with engine.begin() as conn:
        conn.execute(store.snapshot.update().values(schema_version=store.SCHEMA_VERSION + 1))
    newer = cli("followup", "snapshot:1", files[1], "--store", store_url, "--lang", "en")
    told = f"snapshot 1 was written by a newer kmdash (schema {store.SCHEMA_VERSION + 1})"
    assert newer.code == 2 and told in newer.err
    engine.dispose()


def test_bad_snapshot_references_are_user_errors(files, tmp_path, cli):
    assert cli("followup", "snapshot:x", files[1]).code == 2
    missing = cli("followup", "snapshot:9", files[1], "--store", tmp_path / "empty.db")
    assert missing.code == 2 and f"no snapshot 9 in {tmp_path / 'empty.db'}" in missing.err
