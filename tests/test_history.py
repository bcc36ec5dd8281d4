"""A co-op's year of ledgers in the store, as its history: every figure and flow against the generator's, the
chronic debtors, saving a year at once and never twice (kmdash/history.py, store.history_rows, the `history`
and `snapshot save FILE...` commands)."""

from __future__ import annotations

import json
from datetime import date

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


def of_year(year_rows, periods: int = 3) -> hist.History:
    coop, rows = year_rows
    return hist.history(coop, rows, None, periods)


def expected_flow(statuses: pd.DataFrame) -> dict:
    counts = statuses["status"].value_counts()
    fell = statuses["status"].isin(["cleared", "reduced"])
    rose = statuses["status"].isin(["grown", "new_arrears", "joined"])
    diff = statuses["overdue_now"] - statuses["overdue_then"]
    return {**{k: int(counts.get(k, 0)) for k in FLOWS}, "recovered": int(-diff[fell].sum()),
            "increase": int(diff[rose].sum())}


def test_every_month_s_figures_are_the_generator_s(year, year_rows):
    h = of_year(year_rows)
    assert h.points["as_of"].tolist() == year.dates
    for month, point in enumerate(h.points.to_dict("records")):
        want = year.figures(month)
        assert {k: point[k] for k in ("members", "members_overdue", "overdue", "outstanding")} == {
            k: want[k] for k in ("members", "members_overdue", "overdue", "outstanding")}, month
        assert point["par30"] == pytest.approx(want["at_risk30"] / want["outstanding"], abs=1e-12)
        assert point["par90"] == pytest.approx(want["at_risk90"] / want["outstanding"], abs=1e-12)


def test_the_aging_mix_accounts_for_every_member_and_satang(year, year_rows):
    h = of_year(year_rows)
    per = h.aging.groupby("as_of").agg(members=("members", "sum"), overdue=("overdue", "sum"))
    assert per["members"].tolist() == [year.figures(m)["members"] for m in range(12)]
    assert per["overdue"].tolist() == [year.figures(m)["overdue"] for m in range(12)]
    assert h.aging.groupby("as_of").size().nunique() == 1  # every bucket at every date, zeros included
    assert h.aging.loc[h.aging["bucket"] == "not_due", "overdue"].eq(0).all()


def test_each_flow_between_months_is_the_generator_s(year, year_rows):
    h = of_year(year_rows)
    assert h.flows[["from", "to"]].values.tolist() == [[a, b] for a, b in zip(year.dates, year.dates[1:])]
    for flow, statuses in zip(h.flows.to_dict("records"), year.statuses):
        assert {k: flow[k] for k in (*FLOWS, "recovered", "increase")} == expected_flow(statuses)
        assert flow["refinanced"] == 0  # nothing recorded as repaid through the pool


def test_the_chronic_debtors_and_their_runs(year, year_rows):
    for periods in (3, 12):
        h = of_year(year_rows, periods)
        want = year.chronic(periods)
        assert want and dict(zip(h.chronic["member"], h.chronic["since"])) == want
        assert (h.chronic["periods"] >= periods).all()
    runs = of_year(year_rows).runs
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


def test_every_database_gives_the_year_s_history(store_url, year_rows, year_results):
    """The store's rows on each database make the history the SQLite year (held above to the generator) makes."""
    engine = saved(store_url, year_results)
    assert of_store(engine).to_json() == of_year(year_rows).to_json()


# ---------------------------------------------------------------- a small history, worked by hand

JAN, FEB, MAR = date(2024, 1, 31), date(2024, 2, 29), date(2024, 3, 31)


def small_rows() -> hist.Rows:
    """Three snapshots (ids 11, 12, 13): member 7 written "007" and "7" in one ledger, "12 3" with a space; the
    February one has no members' figures, no outstanding; March's outstanding not kept. Money in satang."""
    heads = pd.DataFrame({"snapshot_id": [11, 12, 13], "as_of": [JAN, FEB, MAR],
                          "outstanding": pd.Series([100_000, 0, None], dtype=object),
                          "at_risk30": pd.Series([25_000, 0, None], dtype=object),
                          "at_risk90": pd.Series([10_000, 0, None], dtype=object)})  # as a store may give them
    figures = pd.DataFrame({"snapshot_id": [13, 11], "members": [5, 4], "members_overdue": [4, 3],
                            "overdue": [90_007, 150_005]})
    aging = pd.DataFrame([(11, 0, "not_due", 1, 0), (11, 2, "b60", 1, 505), (11, 1, "b30", 2, 1_000),
                          (13, 1, "b30", 1, 400), (13, 3, "b90", 1, 500), (13, 1, "b30", 1, 100)],
                         columns=["snapshot_id", "bucket_rank", "bucket", "members", "overdue"])
    overdue = pd.DataFrame([(11, "007", 300), (11, "7", 200), (11, "B-1", 1_000), (11, "9", 0), (11, "5", 0),
                            (12, "7", 500), (12, "B-1", 400), (12, "12 3", 100), (12, "9", 50),
                            (13, "07", 400), (13, "7", 200), (13, "B-1", 0), (13, "12 3", 100), (13, "9", 100),
                            (13, "5", 70)], columns=["snapshot_id", "member_no", "overdue"])
    latest = pd.DataFrame([("5", "ห้า", "ก"), ("9", "เก้า", "ข"), ("07", "เจ็ด", "ก"), ("7", "เจ็ด", "ก"),
                           ("12 3", "หนึ่งสองสาม", "ค")], columns=["member_no", "name", "group"])
    return hist.Rows(heads, figures, aging, overdue, latest)


def test_a_small_history_s_figures_and_aging_by_hand():
    h = hist.history("สหกรณ์ก", small_rows())
    assert h.points.columns.tolist() == hist.POINT_COLUMNS
    assert h.points[["snapshot_id", "members", "members_overdue", "overdue"]].values.tolist() == [
        [11, 4, 3, 150_005], [12, 0, 0, 0], [13, 5, 4, 90_007]]
    assert str(h.points["members"].dtype) == str(h.points["overdue"].dtype) == "int64"
    assert h.points["outstanding"].tolist()[:2] == [100_000.0, 0.0] and pd.isna(h.points["outstanding"][2])
    assert h.points["par30"].tolist()[:2] == [0.25, 0.0] and h.points["par90"].tolist()[:2] == [0.1, 0.0]
    assert h.points[["par30", "par90"]].iloc[2].isna().all()
    assert h.points["par30"].dtype == h.points["par90"].dtype == float
    assert h.aging.values.tolist() == [
        [JAN, "not_due", 1, 0], [JAN, "b30", 2, 1_000], [JAN, "b60", 1, 505], [JAN, "b90", 0, 0],
        [FEB, "not_due", 0, 0], [FEB, "b30", 0, 0], [FEB, "b60", 0, 0], [FEB, "b90", 0, 0],
        [MAR, "not_due", 0, 0], [MAR, "b30", 2, 500], [MAR, "b60", 0, 0], [MAR, "b90", 1, 500]]
    assert str(h.aging["members"].dtype) == str(h.aging["overdue"].dtype) == "int64"


def test_a_small_history_s_flows_by_hand():
    """Jan -> Feb: 7 unchanged, B-1 reduced by 6.00, 9 new arrears 0.50, 5 left, "12 3" joined 1.00;
    Feb -> Mar: 7 grown by 1.00, 9 grown by 0.50, B-1 cleared 4.00, "12 3" unchanged, 5 joined 0.70."""
    flows = hist.history("สหกรณ์ก", small_rows()).flows
    assert flows.columns.tolist() == ["from", "to", *FLOWS, "recovered", "refinanced", "increase"]
    assert flows.values.tolist() == [[JAN, FEB, 0, 1, 0, 1, 1, 600, 0, 150],
                                     [FEB, MAR, 1, 0, 2, 0, 1, 400, 0, 220]]


def test_pool_repayments_between_two_dates_are_refinanced_each_in_its_own_pair():
    """B-1 (written with a space) repaid through the pool in March: its 4.00 cleared is refinanced; one in
    February on Jan's own date is already in Jan's figures, one after the last date is not counted."""
    actions = pd.DataFrame({"member": [" B-1", "B-1", "7", "B-1"], "date": [MAR, JAN, FEB, date(2024, 4, 1)],
                            "kind": ["pool_repaid", "pool_repaid", "pool_repaid", "promise"]})
    flows = hist.history("สหกรณ์ก", small_rows(), actions).flows
    assert flows[["recovered", "refinanced", "increase"]].values.tolist() == [[600, 0, 150], [0, 400, 220]]
    feb = pd.DataFrame({"member": ["B-1"], "date": [FEB], "kind": ["pool_repaid"]})
    assert hist.history("สหกรณ์ก", small_rows(), feb).flows[["recovered", "refinanced"]].values.tolist() == [
        [0, 600], [400, 0]]


def test_a_small_history_s_runs_longest_first_then_largest_then_by_number():
    h = hist.history("สหกรณ์ก", small_rows(), chronic_periods=2)
    assert h.runs.columns.tolist() == ["member", "name", "group", "periods", "since", "overdue"]
    assert h.runs.values.tolist() == [["07", "เจ็ด", "ก", 3, JAN, 600], ["12 3", "หนึ่งสองสาม", "ค", 2, FEB, 100],
                                      ["9", "เก้า", "ข", 2, FEB, 100], ["5", "ห้า", "ก", 1, MAR, 70]]
    assert h.chronic["member"].tolist() == ["07", "12 3", "9"]
    assert hist.history("สหกรณ์ก", small_rows(), chronic_periods=3).chronic["member"].tolist() == ["07"]
    assert hist.history("สหกรณ์ก", small_rows()).chronic_periods == 3


def test_a_small_history_s_json_in_baht():
    data = hist.history("สหกรณ์ก", small_rows(), chronic_periods=2).to_json()
    zero = [{"bucket": b, "members": 0, "overdue": 0.0} for b in ("not_due", "b30", "b60", "b90")]
    assert data == {
        "coop": "สหกรณ์ก", "chronic_periods": 2,
        "points": [{"as_of": "2024-01-31", "members": 4, "members_overdue": 3, "outstanding": 1000.0,
                    "overdue": 1500.05, "par30": 0.25, "par90": 0.1,
                    "aging": [{"bucket": "not_due", "members": 1, "overdue": 0.0},
                              {"bucket": "b30", "members": 2, "overdue": 10.0},
                              {"bucket": "b60", "members": 1, "overdue": 5.05},
                              {"bucket": "b90", "members": 0, "overdue": 0.0}]},
                   {"as_of": "2024-02-29", "members": 0, "members_overdue": 0, "outstanding": 0.0, "overdue": 0.0,
                    "par30": 0.0, "par90": 0.0, "aging": zero},
                   {"as_of": "2024-03-31", "members": 5, "members_overdue": 4, "outstanding": None,
                    "overdue": 900.07, "par30": None, "par90": None,
                    "aging": [{"bucket": "not_due", "members": 0, "overdue": 0.0},
                              {"bucket": "b30", "members": 2, "overdue": 5.0},
                              {"bucket": "b60", "members": 0, "overdue": 0.0},
                              {"bucket": "b90", "members": 1, "overdue": 5.0}]}],
        "flows": [{"from": "2024-01-31", "to": "2024-02-29", "cleared": 0, "new_arrears": 1, "grown": 0, "left": 1,
                   "joined": 1, "recovered": 6.0, "refinanced": 0.0, "increase": 1.5},
                  {"from": "2024-02-29", "to": "2024-03-31", "cleared": 1, "new_arrears": 0, "grown": 2, "left": 0,
                   "joined": 1, "recovered": 4.0, "refinanced": 0.0, "increase": 2.2}],
        "chronic": [{"member": "07", "periods": 3, "since": "2024-01-31"},
                    {"member": "12 3", "periods": 2, "since": "2024-02-29"},
                    {"member": "9", "periods": 2, "since": "2024-02-29"}]}
    json.dumps(data)


def test_one_snapshot_without_members_has_no_flows_and_no_runs():
    rows = small_rows()
    one = hist.Rows(rows.heads.iloc[1:2].reset_index(drop=True), rows.figures.iloc[0:0], rows.aging.iloc[0:0],
                    rows.overdue.iloc[0:0], rows.latest.iloc[0:0])
    h = hist.history(None, one)
    assert h.points[["members", "overdue", "par30"]].values.tolist() == [[0, 0, 0.0]]
    assert h.flows.empty and h.runs.empty and h.aging.empty and h.to_json()["chronic"] == []
    assert h.flows.columns.tolist() == ["from", "to", *FLOWS, "recovered", "refinanced", "increase"]


def test_no_snapshot_is_an_empty_history():
    """A co-op the account may not see has no rows (store.history_rows in its scope), its record aside."""
    rows = small_rows()
    none = hist.Rows(*(frame.iloc[0:0] for frame in (rows.heads, rows.figures, rows.aging, rows.overdue,
                                                      rows.latest)))
    actions = pd.DataFrame({"member": ["B-1"], "date": [MAR], "kind": ["pool_repaid"]})
    h = hist.history("สหกรณ์ก", none, actions)
    assert h.points.columns.tolist() == hist.POINT_COLUMNS and h.points.empty and h.runs.empty
    assert h.to_json() == {"coop": "สหกรณ์ก", "chronic_periods": 3, "points": [], "flows": [], "chronic": []}


def test_a_satang_counts_and_snapshots_under_other_aging_edges_keep_every_bucket():
    """An outstanding of one satang has its PAR; a member one satang overdue is overdue; February's ledger was
    aged by other edges ("1-90" where January had "1-30" and "31-90"): every bucket either had, by rank, the one
    seen first first. Runs of one length: the larger overdue first."""
    heads = pd.DataFrame({"snapshot_id": [1, 2], "as_of": [JAN, FEB], "outstanding": [1, 1], "at_risk30": [1, 0],
                          "at_risk90": [0, 0]})
    figures = pd.DataFrame({"snapshot_id": [1, 2], "members": [3, 4], "members_overdue": [3, 3],
                            "overdue": [15, 13]})
    aging = pd.DataFrame([(1, 0, "not_due", 1, 0), (1, 1, "1-30", 1, 1), (1, 2, "31-90", 1, 2), (1, 3, ">90", 0, 0),
                          (2, 0, "not_due", 1, 0), (2, 1, "1-90", 2, 3), (2, 2, ">90", 1, 5)],
                         columns=["snapshot_id", "bucket_rank", "bucket", "members", "overdue"])
    overdue = pd.DataFrame([(1, "1", 1), (1, "2", 5), (1, "3", 9), (2, "1", 1), (2, "2", 5), (2, "3", 0),
                            (2, "4", 7)], columns=["snapshot_id", "member_no", "overdue"])
    latest = pd.DataFrame({"member_no": ["1", "2", "4"], "name": ["a", "b", "d"], "group": ["g", "g", "g"]})
    h = hist.history(None, hist.Rows(heads, figures, aging, overdue, latest))
    assert h.points[["par30", "par90"]].values.tolist() == [[1.0, 0.0], [0.0, 0.0]]
    assert h.aging.values.tolist() == [
        [JAN, "not_due", 1, 0], [JAN, "1-30", 1, 1], [JAN, "1-90", 0, 0], [JAN, "31-90", 1, 2], [JAN, ">90", 0, 0],
        [FEB, "not_due", 1, 0], [FEB, "1-30", 0, 0], [FEB, "1-90", 2, 3], [FEB, "31-90", 0, 0], [FEB, ">90", 1, 5]]
    assert h.flows.values.tolist() == [[JAN, FEB, 1, 0, 0, 0, 1, 9, 0, 7]]
    assert h.runs[["member", "periods", "since", "overdue"]].values.tolist() == [
        ["2", 2, JAN, 5], ["1", 2, JAN, 1], ["4", 1, FEB, 7]]


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
