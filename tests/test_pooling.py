"""T4's rotation: no cycle above the pool, the fewest cycles (against brute force), the smallest pool for
k cycles to the satang, members over the pool listed, the plan's refinanced mark, the CLI and the page."""

from __future__ import annotations

import random
from itertools import product

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kmdash.pipeline import run
from kmdash.report.escape import safe_csv
from kmdash.techniques.pooling import packing
from kmdash.techniques.pooling import rotation as pool
from kmdash.techniques.pooling.rotation import Rotation

from .support.app import charts, frames, go, leaks, page_text, start
from .support.ledgers import SAMPLE

GROUP = "กลุ่มที่ 1 บ้านหนองบัว"


def brute_bins(sizes: list[int], cap: int) -> int:
    """The fewest bins by trying every assignment of items to bins (items <= cap)."""
    for k in range(1, len(sizes) + 1):
        for assign in product(range(k), repeat=len(sizes)):
            loads = [0] * k
            for size, b in zip(sizes, assign):
                loads[b] += size
            if max(loads) <= cap:
                return k
    return 0


def frame(sizes: list[int], days: list[int] | None = None) -> pd.DataFrame:
    days = days or [30 * (i + 1) for i in range(len(sizes))]
    return pd.DataFrame({"member": [f"{i:05d}" for i in range(len(sizes))], "name": [f"m{i}" for i in range(len(sizes))],
                         "group": "g", "days": days, "overdue": sizes})


debts_and_pool = st.integers(1, 10_000).flatmap(lambda cap: st.tuples(
    st.lists(st.integers(1, cap * 5 // 4), min_size=0, max_size=8), st.just(cap)))


def assert_valid(rotation: Rotation, debts: pd.DataFrame) -> None:
    size = dict(zip(debts["member"], debts["overdue"]))
    cleared = rotation.cleared
    assert sorted(cleared + rotation.over_pool) == sorted(debts["member"])  # each exactly once
    assert all(size[m] > rotation.pool for m in rotation.over_pool)
    for c in rotation.cycles:
        assert c.members and c.total == sum(size[m] for m in c.members) <= rotation.pool
    assert [c.number for c in rotation.cycles] == list(range(1, len(rotation.cycles) + 1))


@settings(max_examples=150, deadline=None)
@given(debts_and_pool)
def test_no_cycle_above_the_pool_and_the_fewest_cycles(case):
    sizes, cap = case
    debts = frame(sizes)
    rotation = pool.schedule(debts, cap)
    assert_valid(rotation, debts)
    fitting = [s for s in sizes if s <= cap]
    assert rotation.exact and len(rotation.cycles) == brute_bins(fitting, cap)
    assert rotation.lower_bound <= len(rotation.cycles)
    assert rotation.lower_bound >= -(-sum(fitting) // cap)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(1, 50_000), min_size=1, max_size=7), st.integers(1, 4))
def test_pool_for_cycles_is_the_smallest_that_works(sizes, k):
    smallest, proven = pool.pool_for_cycles(frame(sizes), k)
    assert proven
    assert brute_bins(sizes, smallest) <= k
    assert smallest == max(sizes) or brute_bins(sizes, smallest - 1) > k  # one satang less: another cycle


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 1000), min_size=1, max_size=12), st.integers(1000, 3000))
def test_the_lower_bound_never_passes_a_packing(sizes, cap):
    assert packing.lower_bound(sizes, cap) <= len(packing.first_fit_decreasing(sizes, cap))


@pytest.mark.parametrize("seed", range(3))
def test_beyond_thirty_debtors_a_quick_schedule_with_its_gap(seed):
    rng = random.Random(seed)
    debts = frame([rng.randint(1, 1_000_000) for _ in range(200)])
    rotation = pool.schedule(debts, 1_000_000)
    assert_valid(rotation, debts)
    assert rotation.gap == len(rotation.cycles) - rotation.lower_bound >= 0
    assert rotation.exact == (rotation.gap == 0)


def test_members_over_the_pool_are_listed_and_within_a_cycle_the_oldest_first():
    debts = frame([500, 300, 200, 700], days=[10, 400, 90, 30])
    rotation = pool.schedule(debts, 600)
    assert rotation.over_pool == ("00003",)
    assert [c.members for c in rotation.cycles] == [("00001", "00002"), ("00000",)]


def test_members_under_legal_action_get_no_place():
    debts = frame([100, 100]).assign(legal=[True, False])
    rotation = pool.schedule(debts, 1000)
    assert rotation.legal == ("00000",) and rotation.cleared == ("00001",)
    assert pool.pool_for_cycles(debts, 1) == (100, True)


def test_the_plan_proposes_cycles_and_never_marks_anyone_refinanced():
    rotation = pool.schedule(frame([500, 300, 200, 700]), 600)
    columns = pool.plan_columns(rotation)
    assert columns.index.name == "member_no" and sorted(columns.index) == ["00000", "00001", "00002"]
    assert list(columns.columns) == ["pool_cycle"] and columns.loc["00000", "pool_cycle"] == 2
    assert columns["pool_cycle"].dtype.kind == "i"


def test_thirty_debtors_near_a_third_and_a_half_of_the_pool_exactly_within_a_second():
    import time

    rng, cap = random.Random(1), 10_000_000
    for sizes in ([rng.randint(cap // 4 + 1, cap // 3 + cap // 20) for _ in range(30)],
                  [rng.randint(cap // 3, cap // 2 + cap // 10) for _ in range(30)]):
        start_time = time.perf_counter()
        packed = packing.fewest_bins(sizes, cap)
        assert packed.exact and time.perf_counter() - start_time < 1.0


def test_csv_cells_are_never_formulas():
    data = safe_csv(pd.DataFrame({"name": ["=HYPERLINK(\"x\")", "@SUM(A1)", "ok"], "overdue": [-1.5, 2.0, 3.0]}))
    text = data.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM" in text and "-1.5" in text


# ---------------------------------------------------------------- the command line


def test_cli_json_for_a_group(cli):
    out = cli("pool", SAMPLE, "--pool", "300000", "--group", GROUP, "--cycles", "5", "--json").json
    assert set(out) == {"pool", "group", "cycles", "lower_bound", "over_pool", "pool_for_cycles"}
    assert out["pool"] == 300000.0 and out["group"] == GROUP
    assert all(c["total"] <= out["pool"] for c in out["cycles"])
    assert all(isinstance(m, str) for c in out["cycles"] for m in c["members"])
    assert len(out["cycles"]) >= out["lower_bound"] and out["pool_for_cycles"] <= 300000.0


def test_cli_every_overdue_member_and_those_over_the_pool(cli):
    out = cli("pool", SAMPLE, "--pool", "50000", "--json").json
    assert out["group"] is None and out["pool_for_cycles"] is None and out["over_pool"]
    listed = [m for c in out["cycles"] for m in c["members"]] + out["over_pool"]
    assert len(listed) == len(set(listed)) == cli("summary", SAMPLE, "--json").json["members_overdue"]


def test_cli_text_is_thai_by_default_and_english_on_request(cli):
    assert "รอบที่ 1" in cli("pool", SAMPLE, "--pool", "300000", "--group", GROUP).out
    assert "Cycle 1" in cli("pool", SAMPLE, "--pool", "300000", "--group", GROUP, "--lang", "en").out


@pytest.mark.parametrize("args", [("--pool", "0"), ("--pool", "abc"), ("--pool", "1.001"),
                                  ("--pool", "1000", "--group", "ไม่มีกลุ่มนี้"), ("--pool", "1000", "--cycles", "0")])
def test_cli_user_errors_exit_2_with_one_line(cli, args):
    run = cli("pool", SAMPLE, *args)
    assert run.code == 2 and run.out == "" and len(run.err.strip().splitlines()) == 1


# ---------------------------------------------------------------- the page


def open_pool(privacy: bool = False, group: str | None = GROUP):
    at = start(privacy=privacy)
    at.switch_page("pages/pooling.py")
    go(at)
    at.number_input(key="pooling_p").set_value(300000.0)
    at.selectbox(key="pooling_group").set_value(group)
    at.number_input(key="pooling_k").set_value(5)
    return go(at)


def test_the_page_shows_the_rotation_as_the_core_makes_it(cli):
    at = open_pool()
    core = cli("pool", SAMPLE, "--pool", "300000", "--group", GROUP, "--json").json
    table = frames(at)[0]
    assert list(table.iloc[:, 1]) == [m for c in core["cycles"] for m in c["members"]]
    figure = charts(at)[0]
    assert figure["layout"]["barmode"] == "stack" and figure["layout"]["shapes"][0]["y0"] == 300000.0
    assert len(at.get("download_button")) == 2


def test_privacy_masks_the_table_the_chart_and_the_warnings():
    at = open_pool(privacy=True, group=None)
    chosen = pool.debts(run(SAMPLE).analysis)
    texts = [s for kind in page_text(at).values() for s in kind]
    assert leaks(texts, set(chosen["name"]), set(chosen["member"])) == (set(), set())
    assert frames(at)[0].iloc[:, 1].str.startswith("สมาชิก ").all()
