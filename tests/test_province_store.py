"""The province from the store: each co-op's latest snapshot as its row, with no file uploaded, and the change
since its previous snapshot; files and the store together (kmdash.province.stored_rows, `province --store`)."""

from __future__ import annotations

import json

import pytest

from kmdash import province, store
from kmdash.techniques.selector import rank


def two_coops(url: str, year_results) -> None:
    """Months 1-3 saved as co-op ก, months 4-5 as co-op ข (renamed in the store)."""
    engine = store.open_store(url)
    for result in year_results[:5]:
        store.save_ledger(engine, result)
    with engine.begin() as conn:
        conn.execute(store.snapshot.update().where(store.snapshot.c.id <= 3).values(coop="สหกรณ์ ก"))
        conn.execute(store.snapshot.update().where(store.snapshot.c.id > 3).values(coop="สหกรณ์ ข"))
    engine.dispose()


def test_each_co_op_s_latest_snapshot_and_its_change(store_url, year, year_results):
    two_coops(store_url, year_results)
    rows = province.stored_rows(store.open_store(store_url))
    assert [(r.coop, r.file, r.as_of) for r in rows] == [("สหกรณ์ ก", "snapshot:3", year.dates[2]),
                                                         ("สหกรณ์ ข", "snapshot:5", year.dates[4])]
    for row, latest, before in zip(rows, (2, 4), (1, 3)):
        want, was = year.figures(latest), year.figures(before)
        assert (row.members, row.members_overdue) == (want["members"], want["members_overdue"])
        assert (round(row.overdue * 100), round(row.outstanding * 100)) == (want["overdue"], want["outstanding"])
        assert row.par30 == pytest.approx(want["at_risk30"] / want["outstanding"], abs=1e-12)
        assert sum(v for _, v in row.aging) == pytest.approx(want["overdue"] / 100, abs=0.005)
        assert row.change.since == year.dates[before]
        assert round(row.change.overdue * 100) == want["overdue"] - was["overdue"]
        assert row.change.members_overdue == want["members_overdue"] - was["members_overdue"]
        assert row.change.par30 == pytest.approx(want["at_risk30"] / want["outstanding"]
                                                 - was["at_risk30"] / was["outstanding"], abs=1e-12)
        assert row.top_technique == rank(year_results[latest].analysis)[0].number  # as ranked when saved


def test_a_co_op_with_one_snapshot_has_no_change(store_url, year_results):
    engine = store.open_store(store_url)
    store.save_ledger(engine, year_results[0])
    (row,) = province.stored_rows(engine)
    assert row.change is None and row.as_of_source == "snapshot"


def test_a_snapshot_saved_before_the_headline_was_kept_shows_no_outstanding(store_url, year_results):
    engine = store.open_store(store_url)
    store.save_ledger(engine, year_results[0])
    with engine.begin() as conn:
        conn.execute(store.snapshot.update().values(outstanding=None, at_risk30=None, at_risk90=None,
                                                    members_long_overdue=None, top_technique=None))
    (row,) = province.stored_rows(engine)
    assert (row.outstanding, row.par30, row.top_technique) == (0.0, 0.0, None)
    assert row.members == len(year_results[0].analysis.members)


def test_the_command_takes_the_store_and_files_together(cli, tmp_path, year, year_results, year_files):
    url = f"sqlite:///{tmp_path / 's.db'}"
    two_coops(url, year_results)
    run = cli("province", year_files[11], "--store", url, "--json")
    assert run.code == 0
    data = json.loads(run.out)
    assert [c["file"] for c in data["coops"]] == ["snapshot:3", "snapshot:5", str(year_files[11])]
    assert data["coops"][0]["change"]["since"] == year.dates[1].isoformat()
    assert "change" not in data["coops"][2]
    assert data["total"]["coops"] == 3
    assert data["total"]["members"] == sum(year.figures(m)["members"] for m in (2, 4, 11))


def test_without_files_or_a_store_it_says_what_to_give(cli):
    run = cli("province", "--lang", "en")
    assert run.code == 2 and "give ledger files, or a store with --store" in run.err
