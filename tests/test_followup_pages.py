"""The follow-up pages through AppTest: snapshots saved, listed and deleted; the comparison against a snapshot
or an uploaded earlier ledger, its figures as the pair generator expects and as the command line gives them
(judged by a generated record of actions), privacy applied."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from kmdash import store
from kmdash.followup import STATUSES
from kmdash.i18n import t
from kmdash.techniques.registry import dimensions
from kmdash.pipeline import run
from kmdash.synthetic import LedgerShape, ledger_rows
from kmdash.synthetic.pairs import ledger_pair

from .support.app import downloads, leaks, page_text, table_with, unescape
from .support.ledgers import ROOT, XLSX, xlsx_bytes
from .support.record import assert_judged


@pytest.fixture(scope="module")
def pair():
    return ledger_pair(300, seed=5)


@pytest.fixture(scope="module")
def pair_files(pair):
    return (xlsx_bytes(ledger_rows(pair.old, LedgerShape(), pair.as_of_old)),
            xlsx_bytes(ledger_rows(pair.new, LedgerShape(), pair.as_of_new)))


@pytest.fixture
def db(tmp_path, monkeypatch):
    """The app's store: a fresh SQLite file (KMDASH_STORE overrides secrets.toml's URL)."""
    path = tmp_path / "s.db"
    monkeypatch.setenv(store.ENV, f"sqlite:///{path}")
    return path


def open_app(page: str, new: bytes | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    if new is not None:
        at.file_uploader[0].set_value(("new.xlsx", new, XLSX))
        at.run()
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def counts(at: AppTest) -> dict[str, int]:
    return {m.label: int(m.value.replace(",", "")) for m in at.metric}


def expected_counts(pair) -> dict[str, int]:
    return {t(f"fu_{s}"): int((pair.expected["status"] == s).sum()) for s in STATUSES}


def test_nothing_is_saved_until_asked_then_listed_and_deleted(db):
    at = open_app("snapshots")
    assert at.info and not at.dataframe  # nothing stored yet
    assert str(db) in " ".join(m.value for m in at.markdown).replace("\\", "")
    at.button[0].click().run()  # the form's save button
    assert not at.exception and at.success
    listed = at.dataframe[0].value
    sample = run(ROOT / "sample_data" / "ledger_th.xlsx").analysis.members
    assert len(listed) == 1 and listed.iloc[0, 4] == len(sample)
    at.button(key="snap_delete").click().run()
    assert not at.exception and not at.dataframe
    engine = store.open_store(f"sqlite:///{db}")
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(store.snapshot_member)).scalar() == 0
    engine.dispose()


def test_followup_against_a_snapshot_gives_the_generators_statuses(pair, pair_files, db):
    engine = store.open_store(f"sqlite:///{db}")
    store.save(engine, store.of_result(run(pair_files[0], name="old.xlsx")))
    engine.dispose()
    at = open_app("followup", new=pair_files[1])
    assert counts(at) == expected_counts(pair)
    assert len(at.get("plotly_chart")) == 2
    table = at.dataframe[0].value
    assert len(table) == len(pair.expected)
    names = set(pair.old["name"]) | set(pair.new["name"])
    assert names & set(table.iloc[:, 1])
    at.toggle(key="privacy").set_value(True).run()
    masked = at.dataframe[0].value
    assert not names & set(masked.iloc[:, 1]) and not set(pair.old["member_no"]) & set(masked.iloc[:, 0])


def test_followup_against_an_uploaded_ledger_with_a_plan(pair, pair_files, db, tmp_path, cli):
    at = open_app("followup", new=pair_files[1])
    at.radio(key="fu_kind").set_value("upload").run()
    at.file_uploader(key="fu_old_file").set_value(("old.xlsx", pair_files[0], XLSX)).run()
    assert not at.exception and counts(at) == expected_counts(pair)
    (tmp_path / "old.xlsx").write_bytes(pair_files[0])
    assert cli("plan", tmp_path / "old.xlsx", "--out", tmp_path / "plan.csv").code == 0
    at.file_uploader(key="fu_plan_file").set_value(("plan.csv", (tmp_path / "plan.csv").read_bytes(), "text/csv")).run()
    assert not at.exception
    assert len(at.tabs) == 6 and len(at.get("plotly_chart")) == 2 + 6
    assert at.warning  # plan members who left are listed
    assert len(at.get("download_button")) == 3
    assert isinstance(at.dataframe[1].value, pd.DataFrame)


def test_with_privacy_what_was_done_shows_aliases(generated_record, record_files, db):
    """The broken promises for the next round, under aliases; no name or member number in any table."""
    pair = generated_record.pair
    at = open_app("followup", new=record_files.new.read_bytes())
    at.toggle(key="privacy").set_value(True).run()
    at.radio(key="fu_kind").set_value("upload").run()
    at.file_uploader(key="fu_old_file").set_value(("old.xlsx", record_files.old.read_bytes(), XLSX)).run()
    at.file_uploader(key="fu_actions_file").set_value(("actions.csv", record_files.csv.read_bytes(), "text/csv")).run()
    assert not at.exception
    broken = column(table_with(at, t("col_paid")), "member_no")
    assert len(broken) == len(generated_record.promises["broken_list"]) > 0
    assert all(re.fullmatch(t("member_alias") + r" \d{3}", m) for m in broken)
    names = set(pair.old["name"]) | set(pair.new["name"])
    assert not any(leaks(page_text(at)["dataframe"], names, set(pair.old["member_no"])))


def column(table: pd.DataFrame, key: str) -> list:
    """A page table's column by its key (the page shows the header in the chosen language)."""
    return table[t(f"col_{key}", default=key)].tolist()


def test_the_page_and_the_command_line_agree(generated_record, record_files, db, tmp_path, cli, monkeypatch):
    """For the same ledgers, plan and record (a file of actions uploaded), the page shows what `followup --json`
    prints, its JSON download is that JSON, and that JSON holds the generator's figures."""
    old, new, plan = record_files.old, record_files.new, tmp_path / "plan.csv"
    assert cli("plan", old, "--staff", "A,B,C", "--pool", "60000", "--out", plan).code == 0
    want = cli("followup", old, new, "--plan", plan, "--actions", record_files.csv, "--json").json
    assert_judged(want, generated_record)
    files = downloads(monkeypatch)
    at = open_app("followup", new=new.read_bytes())
    at.radio(key="fu_kind").set_value("upload").run()
    at.file_uploader(key="fu_old_file").set_value(("old.xlsx", old.read_bytes(), XLSX)).run()
    at.file_uploader(key="fu_plan_file").set_value(("plan.csv", plan.read_bytes(), "text/csv")).run()
    at.file_uploader(key="fu_actions_file").set_value(("actions.csv", record_files.csv.read_bytes(), "text/csv")).run()
    assert not at.exception
    assert json.loads(files["followup.json"]()) == want
    assert counts(at) == {t(f"fu_{s}"): n for s, n in want["status"].items()} == expected_counts(generated_record.pair)
    members = at.dataframe[0].value
    assert list(zip(column(members, "member_no"), column(members, "overdue_then"), column(members, "overdue_now"))) == \
        [(m["member"], m["overdue_then"], m["overdue_now"]) for m in want["members"]]
    assert want["refinanced_members"]["members"] > 0 and want["plan"]["refinanced"]["members"] > 0
    refinanced = f"{want['refinanced_members']['amount']:,.2f}"
    assert any(refinanced in unescape(m.value) for m in at.markdown)
    done = table_with(at, t("col_action_kind"))
    assert column(done, "action_kind") == [t("fu_untreated")] + [t(f"action_{r['kind']}") for r in want["by_action"]]
    for key in ("members", "overdue_then", "recovered"):
        assert column(done, key) == [r[key] for r in [want["untreated"], *want["by_action"]]], key
    broken = table_with(at, t("col_paid"))
    assert column(broken, "paid") == [b["paid"] for b in want["promises"]["broken_list"]]
    tables = [d.value for d in at.dataframe][-len(dimensions()):]  # the plan's tabs come last
    for shown, dimension in zip(tables, dimensions()):
        rows = want["plan"][f"by_{dimension}"]
        for key in ("members", "cleared", "refinanced_members", "missing", "recovered", "refinanced", "overdue_now"):
            assert column(shown, key) == [r[key] for r in rows], (dimension, key)
