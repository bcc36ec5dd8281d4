"""A small store written by hand, every figure worked out here in satang: what it gives a history and the
province (store.history_rows, store.snapshot_heads), the headlines loaded back, and the audit rows of its saves,
deletion and pruning. Co-op ก: December saved last, February saved twice (the
second one counts), January; co-op ข and a ledger naming no co-op beside them; a member number holding the
separators the database's joined text uses. On SQLite and PostgreSQL."""

from __future__ import annotations

import getpass
from datetime import date

import pandas as pd
import pytest

from kmdash import store

BUCKETS = ["not_due", "b30", "b60", "b90"]  # ranks 0..3
DEC, JAN, FEB = date(2023, 12, 31), date(2024, 1, 31), date(2024, 2, 29)


def snap(coop, as_of, members, headline=None) -> store.Snapshot:
    """members: (number, days, bucket, overdue in baht)."""
    number, days, bucket, overdue = zip(*members)
    frame = pd.DataFrame({"member_no": number, "name": [f"นาย {n}" for n in number], "group": "กลุ่ม 1",
                          "days": days, "bucket": pd.Categorical(bucket, categories=BUCKETS, ordered=True),
                          "overdue": overdue})
    return store.Snapshot(coop, f"{as_of:%m}.xlsx", as_of, frame, headline=headline)


@pytest.fixture
def small(store_engine):
    saving = [
        snap("ก", JAN, [("00001", 45, "b30", 1500.50), ("00002", 0, "not_due", 0.0), ("00003", 100, "b90", 20000.25)],
             store.Headline(90000.0, 21500.75, 20000.25, 1, 3)),  # id 1
        snap("ข", JAN, [("00009", 10, "b30", 99.0)]),  # id 2
        snap("ก", FEB, [("00001", 70, "b60", 1000.0)]),  # id 3: saved again below
        snap("ก", FEB, [("00001", 76, "b60", 1200.75), ("00004", 1, "b30", 0.01), ("00005", 0, "not_due", 0.0)],
             store.Headline(80000.0, 1200.76, 0.0, 0, 2)),  # id 4
        snap("ก", DEC, [("00001", 15, "b30", 500.0), ("00002", 0, "not_due", 0.0)],
             store.Headline(50000.0, 0.0, 0.0, 0, 1)),  # id 5
        snap(None, JAN, [("7\x1f1", 40, "b30", 10.0), ("8\x1e", 0, "not_due", 0.0), ("9", 95, "b90", 3.5)]),  # id 6
    ]
    assert [store.save(store_engine, s) for s in saving] == [1, 2, 3, 4, 5, 6]
    return store_engine


def test_a_co_op_s_snapshots_one_per_date_oldest_first(small):
    rows = store.history_rows(small, "ก")
    assert rows.heads.to_dict("list") == {
        "snapshot_id": [5, 1, 4], "coop": ["ก"] * 3, "as_of": [DEC, JAN, FEB],
        "outstanding": [5_000_000, 9_000_000, 8_000_000], "at_risk30": [0, 2_150_075, 120_076],
        "at_risk90": [0, 2_000_025, 0], "members_long_overdue": [0, 1, 0], "top_technique": [1, 3, 2]}
    assert rows.figures.to_dict("list") == {"snapshot_id": [1, 4, 5], "members": [3, 3, 2],
                                            "members_overdue": [2, 2, 1], "overdue": [2_150_075, 120_076, 50_000]}
    aging = rows.aging.sort_values(["snapshot_id", "bucket_rank"])
    assert aging.values.tolist() == [[1, 0, "not_due", 1, 0], [1, 1, "b30", 1, 150_050], [1, 3, "b90", 1, 2_000_025],
                                     [4, 0, "not_due", 1, 0], [4, 1, "b30", 1, 1], [4, 2, "b60", 1, 120_075],
                                     [5, 0, "not_due", 1, 0], [5, 1, "b30", 1, 50_000]]
    assert list(rows.aging.columns) == ["snapshot_id", "bucket_rank", "bucket", "members", "overdue"]
    overdue = rows.overdue.sort_values(["snapshot_id", "member_no"]).values.tolist()
    assert overdue == [[1, "00001", 150_050], [1, "00002", 0], [1, "00003", 2_000_025], [4, "00001", 120_075],
                       [4, "00004", 1], [4, "00005", 0], [5, "00001", 50_000], [5, "00002", 0]]
    assert rows.latest.values.tolist() == [["00001", "นาย 00001", "กลุ่ม 1"], ["00004", "นาย 00004", "กลุ่ม 1"]]


def test_member_numbers_holding_the_separators_keep_their_figures(small):
    rows = store.history_rows(small, None)
    assert rows.heads["snapshot_id"].tolist() == [6]
    assert list(rows.overdue.columns) == ["snapshot_id", "member_no", "overdue"]
    assert rows.overdue.sort_values("member_no").values.tolist() == [[6, "7\x1f1", 1000], [6, "8\x1e", 0],
                                                                     [6, "9", 350]]
    assert rows.latest["member_no"].tolist() == ["7\x1f1", "9"]


def test_a_co_op_without_snapshots_has_empty_rows(small):
    rows = store.history_rows(small, "ค")
    assert rows.heads.empty and rows.figures.empty and rows.overdue.empty and rows.latest.empty
    assert str(rows.overdue["overdue"].dtype) == "int64"


def test_every_co_op_s_heads_and_the_co_ops(small):
    heads = store.snapshot_heads(small)
    assert heads[["snapshot_id", "as_of"]].values.tolist() == [[5, DEC], [1, JAN], [2, JAN], [6, JAN], [4, FEB]]
    assert heads["coop"].fillna("-").tolist() == ["ก", "ก", "ข", "-", "ก"]
    assert store.coops(small) == ["ก", "ข", None]


def test_the_headline_loads_back_in_baht_and_none_where_none_was_kept(small):
    assert store.load(small, 4).headline == store.Headline(80000.0, 1200.76, 0.0, 0, 2)
    assert store.load(small, 2).headline is None


def test_a_deletion_and_pruning_in_the_audit_trail_per_co_op(small):
    assert store.audit_trail(small, "ก")["what"].tolist() == [
        "snapshot:1 2024-01-31 01.xlsx", "snapshot:3 2024-02-29 02.xlsx", "snapshot:4 2024-02-29 02.xlsx",
        "snapshot:5 2023-12-31 12.xlsx"]
    store.delete(small, 3, by="สมศรี")
    assert sorted(store.prune(small, FEB.replace(day=1), by="admin")) == [1, 2, 5, 6]
    trail = store.audit_trail(small)[["by", "event", "coop", "what"]].values.tolist()[-4:]
    both = trail[2].pop().split(" ")  # ก's two, in the order the database found them
    assert trail == [["สมศรี", "snapshot_deleted", "ก", "snapshot:3 2024-02-29"],
                     ["admin", "snapshots_pruned", "", "1 before 2024-02-01: snapshot:6"],
                     ["admin", "snapshots_pruned", "ก"],
                     ["admin", "snapshots_pruned", "ข", "1 before 2024-02-01: snapshot:2"]]
    assert both[:3] == ["2", "before", "2024-02-01:"] and sorted(both[3:]) == ["snapshot:1", "snapshot:5"]


def test_an_audit_row_s_time_is_to_the_second_and_no_login_name_is_unknown(small, monkeypatch):
    assert (store.audit_trail(small)["at"].map(lambda at: at.microsecond) == 0).all()
    monkeypatch.delenv(store.USER_ENV, raising=False)

    def no_login_name():
        raise KeyError("getpwuid(): uid not found")  # a container without a passwd entry

    monkeypatch.setattr(getpass, "getuser", no_login_name)
    assert store.who() == "unknown"
