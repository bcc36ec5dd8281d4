"""A co-op's year of ledgers in the store, as its history: every figure and flow against the generator's, the
chronic debtors, saving a year at once and never twice (kmdash/history.py, store.history_rows, the `history`
and `snapshot save FILE...` commands)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import sqlalchemy as sa

from kmdash import history as hist
from kmdash import record, store

from .support.ledgers import xlsx_bytes

FLOWS = ("cleared", "new_arrears", "grown", "left", "joined")


def saved(url: str, results) -> sa.Engine:
    engine = store.open_store(url)
    for result in results:
        store.save_ledger(engine, result)
    return engine


def of_store(engine, coop=None, periods: int = 3) -> hist.History:
    coop = coop or store.coops(engine)[0]
    return hist.history(coop, store.history_rows(engine, coop), record.listed(engine, coop), periods)


def expected_flow(statuses: pd.DataFrame) -> dict:
    counts = statuses["status"].value_counts()
    fell = statuses["status"].isin(["cleared", "reduced"])
    rose = statuses["status"].isin(["grown", "new_arrears", "joined"])
    diff = statuses["overdue_now"] - statuses["overdue_then"]
    return {**{k: int(counts.get(k, 0)) for k in FLOWS}, "recovered": int(-diff[fell].sum()),
            "increase": int(diff[rose].sum())}


def test_every_month_s_figures_are_the_generator_s(store_url, year, year_results):
    h = of_store(saved(store_url, year_results))
    assert h.points["as_of"].tolist() == year.dates
    for month, point in enumerate(h.points.to_dict("records")):
        want = year.figures(month)
        assert {k: point[k] for k in ("members", "members_overdue", "overdue", "outstanding")} == {
            k: want[k] for k in ("members", "members_overdue", "overdue", "outstanding")}, month
        assert point["par30"] == pytest.approx(want["at_risk30"] / want["outstanding"], abs=1e-12)
        assert point["par90"] == pytest.approx(want["at_risk90"] / want["outstanding"], abs=1e-12)


def test_the_aging_mix_accounts_for_every_member_and_satang(store_url, year, year_results):
    h = of_store(saved(store_url, year_results))
    per = h.aging.groupby("as_of").agg(members=("members", "sum"), overdue=("overdue", "sum"))
    assert per["members"].tolist() == [year.figures(m)["members"] for m in range(12)]
    assert per["overdue"].tolist() == [year.figures(m)["overdue"] for m in range(12)]
    assert h.aging.groupby("as_of").size().nunique() == 1  # every bucket at every date, zeros included
    assert h.aging.loc[h.aging["bucket"] == "not_due", "overdue"].eq(0).all()


def test_each_flow_between_months_is_the_generator_s(store_url, year, year_results):
    h = of_store(saved(store_url, year_results))
    assert h.flows[["from", "to"]].values.tolist() == [[a, b] for a, b in zip(year.dates, year.dates[1:])]
    for flow, statuses in zip(h.flows.to_dict("records"), year.statuses):
        assert {k: flow[k] for k in (*FLOWS, "recovered", "increase")} == expected_flow(statuses)
        assert flow["refinanced"] == 0  # nothing recorded as repaid through the pool


def test_the_chronic_debtors_and_their_runs(store_url, year, year_results):
    engine = saved(store_url, year_results)
    for periods in (3, 12):
        h = of_store(engine, periods=periods)
        want = year.chronic(periods)
        assert want and dict(zip(h.chronic["member"], h.chronic["since"])) == want
        assert (h.chronic["periods"] >= periods).all()
    runs = of_store(engine).runs
    assert set(runs["member"]) == year.overdue_members(11)  # every debtor of the latest month has a run
    assert runs["periods"].is_monotonic_decreasing
    assert dict(zip(runs["member"], runs["since"])) == year.chronic(1)


def test_fewer_snapshots_than_the_chronic_count_name_nobody(store_url, year_results):
    h = of_store(saved(store_url, year_results[:2]), periods=3)
    assert h.chronic.empty and not h.runs.empty and h.runs["periods"].max() == 2


def test_pool_repayments_recorded_between_two_months_are_refinanced_not_recovered(store_url, year, year_results):
    engine = saved(store_url, year_results[:2])
    statuses = year.statuses[0]
    cleared = statuses.loc[statuses["status"] == "cleared"].iloc[0]
    actions = pd.DataFrame([{"member": cleared["member_no"], "date": year.dates[1], "kind": "pool_repaid",
                             "technique": 4, "amount": int(cleared["overdue_then"]), "promised_date": None,
                             "by": "สมชาย", "note": ""}]).astype({"technique": "int64", "amount": "int64"})
    record.add(engine, store.coops(engine)[0], actions)
    flow = of_store(engine).flows.iloc[0]
    want = expected_flow(statuses)
    assert flow["refinanced"] == cleared["overdue_then"]
    assert flow["recovered"] == want["recovered"] - cleared["overdue_then"]


def test_a_snapshot_saved_before_the_headline_was_kept_has_no_outstanding_or_par(store_url, year_results):
    engine = saved(store_url, year_results[:3])
    with engine.begin() as conn:
        conn.execute(store.snapshot.update().where(store.snapshot.c.id == 1).values(
            outstanding=None, at_risk30=None, at_risk90=None, members_long_overdue=None, top_technique=None))
    h = of_store(engine)
    first = h.to_json()["points"][0]
    assert (first["outstanding"], first["par30"], first["par90"]) == (None, None, None)
    assert first["members"] == len(year_results[0].analysis.members)
    assert store.load(engine, 1).headline is None and store.load(engine, 2).headline is not None


def test_a_co_op_with_no_outstanding_column_has_par_zero_not_a_division(store_url, year_results):
    engine = saved(store_url, year_results[:1])
    with engine.begin() as conn:
        conn.execute(store.snapshot.update().values(outstanding=0, at_risk30=0, at_risk90=0))
    assert of_store(engine).points[["par30", "par90"]].values.tolist() == [[0.0, 0.0]]


def test_the_json_has_the_keys_other_programs_read(store_url, year_results):
    data = of_store(saved(store_url, year_results[:2])).to_json()
    assert set(data) >= {"coop", "points", "flows", "chronic"}
    assert set(data["points"][0]) >= {"as_of", "members", "members_overdue", "outstanding", "overdue", "par30",
                                      "par90", "aging"}
    assert set(data["points"][0]["aging"][0]) == {"bucket", "members", "overdue"}
    assert set(data["flows"][0]) >= {"from", "to", "cleared", "new_arrears", "grown", "left", "joined", "recovered",
                                     "increase"}
    json.dumps(data)


# ---------------------------------------------------------------- the commands


def test_a_year_saved_at_once_each_dated_by_its_title_and_its_history(cli, tmp_path, year, year_files):
    url = f"sqlite:///{tmp_path / 's.db'}"
    run = cli("snapshot", "save", *year_files, "--store", url, "--lang", "en")
    assert run.code == 0 and run.out.count(" saved (") == 12
    shown = cli("history", "--store", url, "--json")
    assert shown.code == 0
    data = json.loads(shown.out)
    assert [p["as_of"] for p in data["points"]] == [d.isoformat() for d in year.dates]
    assert [p["overdue"] for p in data["points"]] == [year.figures(m)["overdue"] / 100 for m in range(12)]
    assert {c["member"]: c["since"] for c in data["chronic"]} == {k: v.isoformat() for k, v in year.chronic(3).items()}
    text = cli("history", "--store", url, "--lang", "en")
    assert text.code == 0 and "Chronic debtors (overdue in each of the last 3 snapshots)" in text.out


def test_saving_a_ledger_again_keeps_one(cli, tmp_path, year_files):
    url = f"sqlite:///{tmp_path / 's.db'}"
    assert cli("snapshot", "save", year_files[0], "--store", url).code == 0
    again = cli("snapshot", "save", year_files[0], "--store", url, "--lang", "en")
    assert again.code == 2 and "not saved twice" in again.err
    both = cli("snapshot", "save", year_files[0], year_files[1], "--store", url, "--lang", "en")
    assert both.code == 0 and "skipped" in both.out and both.out.count(" saved (") == 1
    assert len(store.snapshots(store.open_store(url))) == 2


def test_a_file_that_cannot_be_read_among_several_is_told_and_the_others_saved(cli, tmp_path, year_files):
    url = f"sqlite:///{tmp_path / 's.db'}"
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx_bytes([["x"]])[:200])
    run = cli("snapshot", "save", year_files[0], bad, year_files[1], "--store", url, "--lang", "en")
    assert run.code == 2 and "1 file(s) could not be read" in run.err and str(bad) in run.err
    assert len(store.snapshots(store.open_store(url))) == 2


def test_options_for_one_file_are_refused_with_several(cli, tmp_path, year_files):
    url = f"sqlite:///{tmp_path / 's.db'}"
    run = cli("snapshot", "save", *year_files[:2], "--as-of", "2024-03-31", "--store", url, "--lang", "en")
    assert run.code == 2 and "several files are dated by their own titles" in run.err


def test_several_co_ops_need_one_chosen(cli, tmp_path, year_results):
    url = f"sqlite:///{tmp_path / 's.db'}"
    engine = saved(url, year_results[:2])
    with engine.begin() as conn:
        conn.execute(store.snapshot.update().where(store.snapshot.c.id == 2).values(coop="สหกรณ์อื่น"))
    run = cli("history", "--store", url, "--lang", "en")
    assert run.code == 2 and "choose one with --coop" in run.err and "สหกรณ์อื่น" in run.err
    one = json.loads(cli("history", "--store", url, "--coop", "สหกรณ์อื่น", "--json").out)
    assert one["coop"] == "สหกรณ์อื่น" and len(one["points"]) == 1
    missing = cli("history", "--store", url, "--coop", "ไม่มี", "--lang", "en")
    assert missing.code == 2 and "no snapshots of ไม่มี" in missing.err


def test_a_chronic_count_below_one_is_a_bad_setting(cli, tmp_path, year_results):
    url = f"sqlite:///{tmp_path / 's.db'}"
    saved(url, year_results[:1])
    run = cli("history", "--store", url, "--chronic", "0", "--lang", "en")
    assert run.code == 2 and "chronic_periods must be 1 or more" in run.err
