"""The province from hand-made co-op rows (a reader handing them back, as the app's does): the rows in the order
given and the unreadable set apart, the total summed and its shares from the summed parts, each co-op named once,
the aging mix with its shares, a share of nothing as 0, a worker that died as that file's error, and real ledgers
read in a pool or one by one against the generator; the store's co-ops' rows from hand-made store rows."""

from __future__ import annotations

from contextlib import nullcontext
from datetime import date

import pandas as pd
import pytest

from kmdash import store
from kmdash.pipeline import Options, run
from kmdash.province import FRAME_COLUMNS, Change, CoopRow, _collected, coop_row, stored_rows, survey
from kmdash.settings import Settings
from kmdash.techniques.selector import rank
from kmdash.synthetic import LedgerShape, generate_loans, ledger_rows

from .support.figures import baht_equal, expected_figures
from .support.ledgers import AS_OF, write_rows
from .support.province import assert_row, expected_row

A = CoopRow(file="a.xlsx", coop="สหกรณ์ ก", as_of=date(2024, 3, 31), as_of_source="title", members=10,
            members_overdue=4, members_long_overdue=1, overdue=1000.0, outstanding=5000.0, at_risk30=2000.0,
            at_risk90=500.0, aging=(("1-30", 600.0), ("31-90", 400.0)), top_technique=3)
B = CoopRow(file="b.xlsx", coop="สหกรณ์ ก", as_of=date(2024, 4, 30), members=6,
            aging=(("1-30", 0.0), ("31-90", 0.0)), top_technique=5)
C = CoopRow(file="c.xlsx", coop="c", error=("อ่านไม่ได้", "unreadable"))
D = CoopRow(file="d.xlsx", coop="ข", as_of=date(2024, 3, 31), members=20, members_overdue=5, members_long_overdue=5,
            overdue=300.0, outstanding=1000.0, at_risk30=300.0, at_risk90=300.0,
            aging=(("1-30", 100.0), ("31-90", 200.0)), top_technique=1)
E = CoopRow(file="e.xlsx", coop="จ", members=1, members_overdue=1, members_long_overdue=1, overdue=0.5,
            outstanding=0.5, at_risk30=0.5, at_risk90=0.25, aging=(("1-30", 0.5),), top_technique=2)  # one bucket
ROWS = {r.file: r for r in (A, B, C, D, E)}


def surveyed(names: list[str], as_of: date | None = None, settings: Settings = Settings()):
    asked = []

    def reader(source, name, day, rules):
        asked.append((source, name, day, rules))
        return ROWS[name]

    return survey([(n, n.encode()) for n in names], as_of, settings, reader=reader), asked


def test_rows_in_the_order_given_each_file_read_once_with_the_stand_in_date():
    rules = Settings(long_overdue_days=180)
    province, asked = surveyed(["a.xlsx", "c.xlsx", "b.xlsx", "d.xlsx"], date(2024, 5, 1), rules)
    assert province.rows == (A, C, B, D) and province.errors == (C,)
    assert asked == [(n.encode(), n, date(2024, 5, 1), rules) for n in ("a.xlsx", "c.xlsx", "b.xlsx", "d.xlsx")]


def test_the_total_sums_the_read_rows_and_takes_its_shares_from_the_sums():
    total = surveyed(["a.xlsx", "c.xlsx", "b.xlsx", "d.xlsx"])[0].total
    assert total == CoopRow(file="", coop="", members=36, members_overdue=9, members_long_overdue=6, overdue=1300.0,
                            outstanding=6000.0, at_risk30=2300.0, at_risk90=800.0,
                            aging=(("1-30", 700.0), ("31-90", 600.0)))
    assert (total.par30, total.par90, total.long_overdue_share) == (2300 / 6000, 800 / 6000, 6 / 9)


def test_a_co_op_of_under_a_baht_and_one_member_has_its_shares():
    assert (E.par30, E.par90, E.long_overdue_share) == (1.0, 0.5, 1.0)
    province = surveyed(["e.xlsx"])[0]
    assert province.total.aging == (("1-30", 0.5),)
    assert province.aging.to_dict("list") == {"label": ["จ"], "bucket": ["1-30"], "overdue": [0.5], "share": [1.0]}


def test_the_total_s_buckets_are_the_first_co_op_s_a_bucket_missing_elsewhere_adding_nothing():
    assert surveyed(["a.xlsx", "e.xlsx"])[0].total.aging == (("1-30", 600.5), ("31-90", 400.0))


def test_a_share_of_nothing_is_zero():
    assert (B.par30, B.par90, B.long_overdue_share) == (0.0, 0.0, 0.0)
    assert (A.par30, A.par90, A.long_overdue_share) == (0.4, 0.1, 0.25)


def test_the_table_names_each_coop_once():
    coops = surveyed(["a.xlsx", "c.xlsx", "b.xlsx", "d.xlsx"])[0].coops
    assert list(coops.columns) == [*FRAME_COLUMNS, "label"]
    assert list(coops["label"]) == ["สหกรณ์ ก", "สหกรณ์ ก (2)", "ข"]
    assert coops.iloc[0].to_dict() == {
        "coop": "สหกรณ์ ก", "file": "a.xlsx", "as_of": date(2024, 3, 31), "members": 10, "members_overdue": 4,
        "overdue": 1000.0, "outstanding": 5000.0, "par30": 0.4, "par90": 0.1, "long_overdue_share": 0.25,
        "top_technique": 3, "change_since": None, "overdue_change": None, "label": "สหกรณ์ ก"}


def test_the_aging_mix_per_coop_with_each_bucket_s_share():
    aging = surveyed(["a.xlsx", "c.xlsx", "b.xlsx", "d.xlsx"])[0].aging
    assert aging.to_dict("list") == {
        "label": ["สหกรณ์ ก", "สหกรณ์ ก", "สหกรณ์ ก (2)", "สหกรณ์ ก (2)", "ข", "ข"],
        "bucket": ["1-30", "31-90"] * 3, "overdue": [600.0, 400.0, 0.0, 0.0, 100.0, 200.0],
        "share": [0.6, 0.4, 0.0, 0.0, pytest.approx(1 / 3), pytest.approx(2 / 3)]}


def test_nothing_read_is_an_empty_province():
    province = surveyed(["c.xlsx"])[0]
    assert province.errors == (C,) and province.total == CoopRow(file="", coop="")
    assert province.coops.empty and list(province.coops.columns) == [*FRAME_COLUMNS, "label"]
    assert province.aging.empty and list(province.aging.columns) == ["label", "bucket", "overdue", "share"]


class Died:
    """A worker's future whose process died."""

    def result(self):
        raise MemoryError


def test_a_worker_that_died_is_that_file_s_error():
    assert _collected(Died(), "เขต/สหกรณ์ ข.xlsx") == CoopRow(
        file="เขต/สหกรณ์ ข.xlsx", coop="สหกรณ์ ข",
        error=("อ่านไฟล์ไม่สำเร็จ (MemoryError)", "could not read the file (MemoryError)"))


def test_a_file_that_is_not_a_ledger_is_its_row_s_error_in_both_languages():
    row = coop_row(b"hello", "x/y.csv")
    assert (row.file, row.coop, row.members, row.as_of) == ("x/y.csv", "y", 0, None)
    assert row.error[0].startswith("ไม่พบแถวหัวตาราง") and row.error[1].startswith("no header row found")


@pytest.mark.parametrize("drop", [(), ("outstanding",)])
def test_a_ledger_s_row_against_the_generator(tmp_path, drop):
    """Its figures as the oracle counts them (long overdue by the settings given); PAR's numerators are nothing
    without an outstanding column."""
    loans = generate_loans(120, seed=5)
    path = write_rows(ledger_rows(loans, LedgerShape(drop_fields=drop), AS_OF, "สหกรณ์ ทดสอบ จำกัด"),
                      tmp_path / "ledger.xlsx")
    row = coop_row(path, "เขต/ledger.xlsx", date(2025, 1, 1), Settings(long_overdue_days=90))
    assert (row.file, row.coop, row.as_of, row.as_of_source) == \
        ("เขต/ledger.xlsx", "สหกรณ์ ทดสอบ จำกัด", AS_OF, "title")
    if drop:
        assert (row.outstanding, row.at_risk30, row.at_risk90) == (0.0, 0.0, 0.0)
        return
    long = expected_figures(loans, AS_OF, long_days=90)
    want = {**expected_row(loans), "long_overdue_share": long["members_long_overdue"] / long["members_overdue"]}
    assert_row({k: getattr(row, k) for k in (*want, "members_overdue")}, want)
    assert baht_equal(row.at_risk30, want["par30"] * want["outstanding"])
    assert baht_equal(row.at_risk90, want["par90"] * want["outstanding"])
    assert row.members_long_overdue == long["members_long_overdue"]
    assert [b for b, _ in row.aging] == [a["bucket"] for a in long["aging"]]
    assert all(baht_equal(got, a["overdue"]) for (_, got), a in zip(row.aging, long["aging"]))
    ranked = rank(run(path, Options(settings=Settings(long_overdue_days=90))).analysis)
    assert row.top_technique == ranked[0].number != ranked[1].number  # the selector's first


def test_the_date_given_stands_in_only_for_a_ledger_without_one(tmp_path):
    loans = generate_loans(20, seed=2)
    path = write_rows(ledger_rows(loans, LedgerShape(title_rows=False), AS_OF), tmp_path / "untitled.xlsx")
    row = coop_row(path, "untitled.xlsx", date(2025, 1, 1))
    assert (row.coop, row.as_of, row.as_of_source) == ("untitled", date(2025, 1, 1), "option")


def test_read_in_a_pool_or_one_by_one_the_same_rows_in_the_order_given(tmp_path):
    paths = [write_rows(ledger_rows(generate_loans(20, seed=s), LedgerShape(), AS_OF, f"สหกรณ์ {s}"),
                        tmp_path / f"c{s}.xlsx") for s in (1, 2)]
    files = [("c1.xlsx", paths[0].read_bytes()), ("bad.csv", b"hello"), ("c2.xlsx", paths[1].read_bytes())]
    one_by_one = tuple(coop_row(source, name, AS_OF) for name, source in files)
    assert [r.coop for r in one_by_one] == ["สหกรณ์ 1", "bad", "สหกรณ์ 2"] and one_by_one[1].error
    for workers in (1, 2, None):
        assert survey(files, AS_OF, workers=workers).rows == one_by_one


def test_a_file_the_pool_cannot_hand_a_worker_is_that_file_s_error():
    """A source that cannot go to another process (as a worker that died) is its own file's error, named."""
    rows = survey([("เขต/x.xlsx", lambda: 0), ("y.xlsx", lambda: 1)], workers=2).rows
    assert [(r.file, r.coop) for r in rows] == [("เขต/x.xlsx", "x"), ("y.xlsx", "y")]
    assert all(r.error[1].startswith("could not read the file (") for r in rows)


# ---------------------------------------------------------------- the store's co-ops (stored_rows), worked by hand

JAN, FEB, MAR = date(2024, 1, 31), date(2024, 2, 29), date(2024, 3, 31)
HEADS = pd.DataFrame(  # as store.snapshot_heads gives them: oldest first, money in satang, None before 0004
    [(1, "ก", JAN, 100_000, 20_000, 5_000, 2, 3), (2, None, JAN, None, None, None, None, None),
     (3, "ก", FEB, 200_000, 10_000, 0, 1, 4), (4, "ข", FEB, 0, 0, 0, 0, 1),
     (5, "ก", MAR, 300_000, 30_000, 3_000, 4, 2), (6, "ข", MAR, 50_000, 50_000, 0, 3, 5),
     (7, None, MAR, None, None, None, None, None), (8, "ค", MAR, 100, 100, 100, 1, 1)],
    columns=["snapshot_id", "coop", "as_of", "outstanding", "at_risk30", "at_risk90", "members_long_overdue",
             "top_technique"], dtype=object)
SUMS = pd.DataFrame(  # as store.bucket_sums gives them: per snapshot and bucket, in no particular order
    [(2, 1, "1-30", 1, 1, 99), (3, 1, "1-30", 2, 2, 10_000), (3, 0, "not_due", 5, 0, 0),
     (4, 0, "not_due", 1, 0, 0), (5, 2, "31-90", 1, 1, 12_345), (5, 0, "not_due", 4, 0, 0),
     (5, 1, "1-30", 3, 3, 5_005), (6, 1, "1-30", 2, 2, 1_001), (7, 1, "1-30", 1, 1, 199), (8, 3, ">90", 1, 1, 100),
     (1, 1, "1-30", 9, 9, 9_999_999)],
    columns=["snapshot_id", "bucket_rank", "bucket", "members", "members_overdue", "overdue"])


def test_each_stored_co_op_s_latest_snapshot_with_its_change_by_hand(monkeypatch):
    """Co-ops ก and ข saved three and two times, ค once, one without a name twice: each one's latest, by name (the
    nameless last), its change since the one before; only those two of each are summed by the database."""
    asked = []
    monkeypatch.setattr(store, "snapshot_heads", lambda engine: HEADS.copy())
    monkeypatch.setattr(store, "bucket_sums",
                        lambda conn, ids: asked.append(ids) or SUMS[SUMS["snapshot_id"].isin(ids)])

    class Engine:
        def connect(self):
            return nullcontext()

    rows = stored_rows(Engine())
    assert asked == [[2, 3, 4, 5, 6, 7, 8]]
    assert rows == (
        CoopRow(file="snapshot:5", coop="ก", as_of=MAR, as_of_source="snapshot", members=8, members_overdue=4,
                members_long_overdue=4, overdue=173.5, outstanding=3000.0, at_risk30=300.0, at_risk90=30.0,
                aging=(("not_due", 0.0), ("1-30", 50.05), ("31-90", 123.45)), top_technique=2,
                change=Change(FEB, 73.5, 2, 0.1 - 0.05)),
        CoopRow(file="snapshot:6", coop="ข", as_of=MAR, as_of_source="snapshot", members=2, members_overdue=2,
                members_long_overdue=3, overdue=10.01, outstanding=500.0, at_risk30=500.0, at_risk90=0.0,
                aging=(("1-30", 10.01),), top_technique=5, change=Change(FEB, 10.01, 2, 1.0)),
        CoopRow(file="snapshot:8", coop="ค", as_of=MAR, as_of_source="snapshot", members=1, members_overdue=1,
                members_long_overdue=1, overdue=1.0, outstanding=1.0, at_risk30=1.0, at_risk90=1.0,
                aging=((">90", 1.0),), top_technique=1),
        CoopRow(file="snapshot:7", coop="", as_of=MAR, as_of_source="snapshot", members=1, members_overdue=1,
                overdue=1.99, aging=(("1-30", 1.99),), change=Change(JAN, 1.0, 0, 0.0)))
    view = survey([], stored=rows)
    assert view.rows == rows
    coops = view.coops
    assert (coops["label"].tolist(), coops["change_since"].tolist()) == (["ก", "ข", "ค", ""], [FEB, FEB, None, JAN])
    assert coops["overdue_change"].fillna(0.0).tolist() == [73.5, 10.01, 0.0, 1.0]
    assert pd.isna(coops["overdue_change"][2])
