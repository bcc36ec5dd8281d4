"""T4's rotation: no cycle above the pool (with the members' interest and penalty too), the fewest cycles (against
brute force), the smallest pool for k cycles to the satang, members over the pool listed, each basis against
hand-computed amounts, cycles in their numbers' order, the plan's proposal (of one group), the CLI and the page."""

from __future__ import annotations

import io
import random
from itertools import product

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kmdash.analyse import analyse
from kmdash.cli.pooling import BASES
from kmdash.errors import LedgerError
from kmdash.i18n import t
from kmdash.pipeline import run
from kmdash.report.charts import pool_figure
from kmdash.report.escape import safe_csv
from kmdash.report.pooling.rotation import as_json, format_rotation
from kmdash.techniques.pooling import packing
from kmdash.techniques.pooling import rotation as pool
from kmdash.techniques.pooling.rotation import Rotation

from .support.app import charts, frames, go, leaks, open_app_page, page_text, start
from .support.ledgers import AS_OF, SAMPLE

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
    """Debts as `pool.debts` gives them, each member owing `sizes` satang."""
    days = days or [30 * (i + 1) for i in range(len(sizes))]
    return pd.DataFrame({"member": [f"{i:05d}" for i in range(len(sizes))], "name": [f"m{i}" for i in range(len(sizes))],
                         "group": "g", "days": days, "overdue": sizes, "owed": sizes})


debts_and_pool = st.integers(1, 10_000).flatmap(lambda cap: st.tuples(
    st.lists(st.integers(1, cap * 5 // 4), min_size=0, max_size=8), st.just(cap)))


def assert_valid(rotation: Rotation, debts: pd.DataFrame) -> None:
    size = dict(zip(debts["member"], debts["owed"]))
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
    assert set(out) == {"pool", "basis", "group", "cycles", "lower_bound", "over_pool", "pool_for_cycles"}
    assert out["pool"] == 300000.0 and out["group"] == GROUP and out["basis"] == "arrears"
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
    choice = at.selectbox(key="pooling_group")
    choice.select_index(0) if group is None else choice.set_value(group)  # None: the "everyone" option, first
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


# ---------------------------------------------------------------- what a member pays: the basis


def loans(rows: list[tuple]) -> pd.DataFrame:
    """Hand-written loans: (member, group, days overdue (0: due after the as-of date), principal overdue,
    interest in arrears, penalty, outstanding), in baht."""
    due = [pd.Timestamp(AS_OF) - pd.Timedelta(days=d) if d else pd.Timestamp(AS_OF) + pd.Timedelta(days=30)
           for d in (r[2] for r in rows)]
    return pd.DataFrame({"member_no": [r[0] for r in rows], "name": [f"นาย {r[0]}" for r in rows],
                         "group": [r[1] for r in rows], "due_date": due,
                         **{c: [float(r[i]) for r in rows] for i, c in enumerate(MONEY, start=3)}})


MONEY = ("principal_overdue", "interest_arrears", "penalty", "outstanding")
# member 1: an overdue loan and one not yet due (its interest in arrears counts, its principal only when repaid
# in full); member 2 overdue on one loan; member 3 in another group
BASIS_LOANS = [("1", "ก", 40, 1000.10, 50.05, 10.00, 5000.00), ("1", "ก", 0, 0.0, 3.33, 0.0, 2000.00),
               ("2", "ก", 400, 250.25, 0.0, 12.50, 250.25), ("3", "ข", 10, 99.99, 0.01, 0.0, 99.99)]


@pytest.mark.parametrize("basis, owed", [
    ("arrears", {"1": 100010 + 5005 + 333 + 1000, "2": 25025 + 1250}),  # principal overdue + interest + penalty
    ("principal", {"1": 100010, "2": 25025}),
    ("outstanding", {"1": 500000 + 200000 + 5005 + 333 + 1000, "2": 25025 + 1250}),  # its outstanding is overdue
])
def test_each_basis_against_hand_computed_amounts(basis, owed):
    analysis = analyse(loans(BASIS_LOANS), AS_OF)
    chosen = pool.debts(analysis, "ก", basis)
    assert dict(zip(chosen["member"], chosen["owed"])) == owed
    assert dict(zip(chosen["member"], chosen["overdue"])) == {"1": 100010, "2": 25025}  # the principal stays known
    rotation = pool.schedule(chosen, owed["1"])  # the larger debt fills the pool alone
    assert [c.total for c in rotation.cycles] == [owed["2"], owed["1"]]  # the oldest debt's cycle first


def test_a_cycle_that_fits_on_principal_does_not_fit_with_the_interest():
    """The issue's case: 48,691.40 of principal in a 50,000 pool is 50,469.59 with interest and penalty."""
    analysis = analyse(loans([("1", "ก", 100, 30000.00, 1000.00, 0.0, 90000.00),
                              ("2", "ก", 50, 18691.40, 700.00, 78.19, 18691.40)]), AS_OF)
    on_principal = pool.schedule(pool.debts(analysis, "ก", "principal"), 5_000_000)
    assert [c.total for c in on_principal.cycles] == [4_869_140]
    on_arrears = pool.schedule(pool.debts(analysis, "ก"), 5_000_000)  # arrears: the default
    assert sorted(c.total for c in on_arrears.cycles) == [1_946_959, 3_100_000]  # 50,469.59 split in two


def test_only_the_columns_the_ledger_has_are_added_and_in_full_needs_the_outstanding_column():
    plain_loans = loans(BASIS_LOANS).drop(columns=["interest_arrears", "penalty"])
    analysis = analyse(plain_loans, AS_OF)
    assert pool.parts(analysis, "arrears") == ("overdue",)
    assert pool.debts(analysis, "ก")["owed"].tolist() == [100010, 25025]
    with pytest.raises(LedgerError, match="no principal outstanding column"):
        pool.debts(analyse(plain_loans.drop(columns="outstanding"), AS_OF), "ก", "outstanding")


member_loans = st.lists(st.tuples(st.integers(0, 3), st.integers(1, 5_000_000), st.integers(0, 500_000),
                                  st.integers(0, 100_000)), min_size=1, max_size=14)


@settings(max_examples=60, deadline=None)
@given(member_loans, st.integers(1_000_00, 60_000_00))
def test_with_interest_and_penalty_no_cycle_ever_exceeds_the_pool(drawn, cap):
    """Random overdue loans (member, principal, interest, penalty in satang) and a random pool: every cycle's
    total is what its members owe (added up here, loan by loan) and never above the pool."""
    rows = [(str(m), "ก", 30 + i, p / 100, i_ / 100, f / 100, p / 100) for i, (m, p, i_, f) in enumerate(drawn)]
    owed: dict[str, int] = {}
    for m, p, i_, f in drawn:
        owed[str(m)] = owed.get(str(m), 0) + p + i_ + f
    rotation = pool.schedule(pool.debts(analyse(loans(rows), AS_OF), "ก"), cap)
    for c in rotation.cycles:
        assert c.total == sum(owed[m] for m in c.members) <= cap
    assert sorted(rotation.cleared + rotation.over_pool) == sorted(owed)
    assert all(owed[m] > cap for m in rotation.over_pool)


def test_the_parser_offers_the_bases_the_rotation_knows():
    assert BASES == pool.BASES


# ---------------------------------------------------------------- cycles in their numbers' order


def test_twelve_cycles_are_listed_one_two_ten_eleven_not_as_text():
    rotation = pool.schedule(frame([900] * 12), 1000)  # each debt fills the pool alone
    table = pool.members_table(rotation, frame([900] * 12).assign(interest=0, penalty=0))
    order = list(range(1, 13))
    assert table["cycle"].tolist() == order
    assert [c["cycle"] for c in as_json(rotation, None, None, "principal")["cycles"]] == order
    assert pd.read_csv(io.BytesIO(safe_csv(table)), encoding="utf-8-sig")["cycle"].tolist() == order
    figure = pool_figure(table, 10.0)
    assert list(figure.layout.xaxis.categoryarray) == [f"รอบที่ {n}" for n in order]
    text = format_rotation(rotation, frame([900] * 12).assign(interest=0, penalty=0), None, None, None)
    assert [int(line.split()[1].rstrip(":")) for line in text.splitlines() if line.startswith("รอบที่")] == order


# ---------------------------------------------------------------- the plan: a pool of one group


def test_plan_pool_of_one_group_on_a_basis_fills_that_groups_cycles_only(cli):
    want = cli("pooling", SAMPLE, "--pool", "300000", "--group", GROUP, "--basis", "principal", "--json").json
    rows = pd.read_csv(io.StringIO(cli("plan", SAMPLE, "--pool", "300000", "--group", GROUP, "--basis",
                                       "principal").out), dtype=str, keep_default_na=False)
    cycles = dict(zip(rows["เลขสมาชิก"], rows["รอบกองทุนหมุนเวียน"]))
    proposed = {m: str(c["cycle"]) for c in want["cycles"] for m in c["members"]}
    assert proposed and {m: c for m, c in cycles.items() if c} == proposed
    assert set(rows.loc[rows["รอบกองทุนหมุนเวียน"] != "", "กลุ่ม"]) == {GROUP}


@pytest.mark.parametrize("args", [("--group", GROUP), ("--basis", "arrears"), ("--pool", "1000", "--group", "ไม่มี")])
def test_plan_pool_options_without_a_pool_or_an_unknown_group_exit_2(cli, args):
    run = cli("plan", SAMPLE, *args)
    assert run.code == 2 and len(run.err.strip().splitlines()) == 1


# ---------------------------------------------------------------- the page: one group, a basis, cycles as numbers


def test_the_page_starts_with_the_group_of_most_small_debtors_on_arrears(sample_loans):
    """Its default group by hand: overdue members owing at most 20,000 baht of principal (the selector's
    `small_debt`), counted per named group."""
    overdue = sample_loans[(sample_loans["due_date"] < pd.Timestamp(AS_OF)) & (sample_loans["principal_overdue"] > 0)]
    owing = overdue.groupby(["group", "member_no"])["principal_overdue"].sum().reset_index()
    counts = owing[owing["principal_overdue"] <= 20_000].groupby("group").size().sort_values(ascending=False)
    assert counts.iloc[0] > counts.iloc[1] >= 5  # one group has the most
    at = open_app_page("pooling")
    assert at.selectbox(key="pooling_group").value == counts.index[0]
    assert at.selectbox(key="pooling_basis").value == "arrears"
    assert at.selectbox(key="pooling_group").options[0] == t("pooling_everyone")  # everyone stays choosable


def test_the_page_lists_sixty_six_cycles_in_their_numbers_order(cli):
    at = open_pool(group=None)
    at.number_input(key="pooling_p").set_value(50000.0)
    at.number_input(key="pooling_k").set_value(0)
    go(at)
    core = cli("pooling", SAMPLE, "--pool", "50000", "--json").json
    cycles = frames(at)[0].iloc[:, 0].tolist()
    assert cycles == sorted(cycles) and max(cycles) == len(core["cycles"]) > 10
    assert charts(at)[0]["layout"]["xaxis"]["categoryarray"] == [f"รอบที่ {n}" for n in range(1, max(cycles) + 1)]


def test_the_page_on_principal_is_the_command_on_principal(cli):
    at = open_pool()
    at.selectbox(key="pooling_basis").set_value("principal")
    go(at)
    core = cli("pooling", SAMPLE, "--pool", "300000", "--group", GROUP, "--basis", "principal", "--json").json
    table = frames(at)[0]
    assert list(table.iloc[:, 1]) == [m for c in core["cycles"] for m in c["members"]]
    assert (table[t("col_to_pay")] == table[t("col_overdue")]).all()
