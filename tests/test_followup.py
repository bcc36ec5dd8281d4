"""The follow-up: pairs of generated ledgers with known changes (kmdash.synthetic.pairs) against kmdash's
comparison, through the files, the command line and the core's one path (followup_flow); the identity on every
pair; the plan sections; refinanced only from recorded pool repayments, never from the plan's status; an earlier
side saved as a snapshot gives what its file gives. (The record's own figures: tests/test_followup_record.py.)

Expected statuses and amounts come from the pair generator (the change it made to each member, the
overdue by the brief's rule on its canonical loans), never from kmdash.analyse.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kmdash import pipeline, store
from kmdash.actions import read_actions
from kmdash.analyse import analyse
from kmdash.followup import STATUSES, compare, identity_holds, member_key
from kmdash.followup_flow import follow_up
from kmdash.i18n import t
from kmdash.plan import read_plan
from kmdash.synthetic.pairs import ledger_pair

from .support.record import action, actions_csv, write_pair


@pytest.fixture(scope="module")
def pair():
    return ledger_pair(400, seed=3)


@pytest.fixture
def files(pair, tmp_path):
    return write_pair(pair, tmp_path)


def by_key(members: list[dict]) -> dict:
    return {member_key(pd.Series([m["member"]]))[0]: m for m in members}


def test_every_status_and_amount_matches_the_generator(pair, files, cli):
    got = cli("followup", *files, "--json").json
    expected = pair.expected
    assert got["as_of_old"] == "2024-03-31" and got["as_of_new"] == "2024-04-30"
    assert got["status"] == {s: int((expected["status"] == s).sum()) for s in STATUSES}
    assert all(got["status"][s] > 0 for s in STATUSES)
    members = by_key(got["members"])
    assert set(members) == set(expected["key"])
    for row in expected.to_dict("records"):
        m = members[row["key"]]
        assert (m["status"], round(m["overdue_then"] * 100), round(m["overdue_now"] * 100)) == \
            (row["status"], row["overdue_then"], row["overdue_now"]), row


def test_the_totals_reconcile_to_the_satang(pair, files, cli):
    got = cli("followup", *files, "--json").json
    e = pair.expected
    fell = e["status"].isin(["cleared", "reduced"])
    rose = e["status"].isin(["grown", "new_arrears", "joined"])
    assert round(got["overdue_then"] * 100) == e["overdue_then"].sum()
    assert round(got["overdue_now"] * 100) == e["overdue_now"].sum()
    assert round(got["recovered"] * 100) == (e["overdue_then"] - e["overdue_now"])[fell].sum()
    assert round(got["left_overdue"] * 100) == e.loc[e["status"] == "left", "overdue_then"].sum()
    assert round(got["increase"] * 100) == (e["overdue_now"] - e["overdue_then"])[rose].sum()
    assert round((got["overdue_then"] - got["recovered"] - got["left_overdue"] + got["increase"]) * 100) == \
        round(got["overdue_now"] * 100)


def test_the_transition_table_counts_every_member_of_both_ledgers_once(pair, files, cli):
    got = cli("followup", *files, "--json").json
    assert sum(r["members"] for r in got["transitions"]) == len(pair.expected)
    into_left = sum(r["members"] for r in got["transitions"] if r["to"] == "left")
    from_joined = sum(r["members"] for r in got["transitions"] if r["from"] == "joined")
    assert (into_left, from_joined) == (got["status"]["left"], got["status"]["joined"])


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), n=st.integers(20, 300), later=st.integers(1, 120),
       share=st.floats(0.01, 0.3))
def test_the_identity_holds_on_every_pair(seed, n, later, share):
    pair = ledger_pair(n, seed, days_later=later, share=share)
    old, new = analyse(pair.old, pair.as_of_old), analyse(pair.new, pair.as_of_new)
    comparison = compare(old.members, new.members, pair.as_of_old, pair.as_of_new)
    assert identity_holds(comparison.totals())
    got = comparison.members.set_index("key")["status"].sort_index()
    assert got.equals(pair.expected.set_index("key")["status"].sort_index())
    assert comparison.matrix().to_numpy().sum() == len(pair.expected)


def test_member_numbers_match_without_spaces_and_leading_zeros():
    keys = member_key(pd.Series(["00017", "17", " 0017", "\u00a017", "0", "000", "A-017", "นาย ก ข"]))
    assert keys.tolist() == ["17", "17", "17", "17", "0", "0", "A-017", "นายกข"]


def test_members_without_a_number_match_by_name():
    def members(names, overdue):
        return pd.DataFrame({"member_no": names, "name": names, "group": "ก", "overdue": overdue,
                             "bucket": pd.Categorical(["1-30" if o else "not_due" for o in overdue],
                                                      categories=["not_due", "1-30"], ordered=True)})

    comparison = compare(members(["นาย ก ข", "นาง ค"], [100.0, 0.0]), members(["นาย\u00a0ก ข", "นาง ค"], [0.0, 0.0]),
                         date(2024, 3, 31), date(2024, 4, 30))
    assert dict(zip(comparison.members["name"], comparison.members["status"])) == \
        {"นาย\u00a0ก ข": "cleared", "นาง ค": "current"}


def filled_plan(files, tmp_path, cli, fill) -> str:
    """The plan of OLD exported by `plan`, filled in by the staff (fill(frame) edits its rows)."""
    path = tmp_path / "plan.csv"
    assert cli("plan", files[0], "--out", path).code == 0
    plan = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    fill(plan)
    plan.to_csv(path, index=False, encoding="utf-8-sig")
    return str(path)


def test_a_plan_with_assignees_gives_recovery_per_assignee(pair, files, tmp_path, cli):
    people = ["สมชาย", "สมศรี", "มานพ"]
    plan = filled_plan(files, tmp_path, cli, lambda p: p.__setitem__(t("col_assignee"), [people[i % 3] for i in range(len(p))]))
    got = cli("followup", *files, "--plan", plan, "--json").json
    rows = read_plan(plan)
    e = pair.expected.set_index("key")
    for person in people:
        keys = member_key(rows.loc[rows["assignee"] == person, "member"])
        present = e.reindex(keys).dropna()
        fell = present[present["status"].isin(["cleared", "reduced"])]
        row = next(r for r in got["plan"]["by_assignee"] if r["value"] == person)
        assert row["members"] == len(keys)
        assert round(row["recovered"] * 100) == (fell["overdue_then"] - fell["overdue_now"]).sum()
        assert row["missing"] == int((e.reindex(keys)["status"] == "left").sum())
    assert {r["value"] for r in got["best_practice"]["assignee"]} == set(people)
    assert all(r["enough"] == (r["members"] >= got["best_practice"]["min_members"])
               for r in got["best_practice"]["group"])


def first_cleared(pair, n: int = 3) -> tuple[list[str], int]:
    """The first `n` members the generator cleared (keys) and their overdue then (satang)."""
    cleared = pair.expected.loc[pair.expected["status"] == "cleared", "key"].tolist()[:n]
    return cleared, int(pair.expected.set_index("key").loc[cleared, "overdue_then"].sum())


def in_cycle_one(keys, status: str = ""):
    """A plan filler: pool cycle 1 (and `status`) on these members, as the pool page proposes them."""
    def fill(p):
        chosen = member_key(p.iloc[:, 0]).isin(keys)
        p.loc[chosen, t("col_pool_cycle")] = "1"
        p.loc[chosen, t("col_status")] = status

    return fill


def pool_repaid(pair, keys, days_after_old: int = 10) -> list[dict]:
    """The record of a pool cycle repaid by these members, between the two ledgers."""
    day = pair.as_of_old + timedelta(days=days_after_old)
    return [action(k, day, "pool_repaid", 4) for k in keys]


def test_a_pooled_member_counts_as_refinanced_never_as_cash(pair, files, tmp_path, cli):
    cleared, pooled = first_cleared(pair)
    plan = filled_plan(files, tmp_path, cli, in_cycle_one(cleared))
    record = tmp_path / "actions.csv"
    record.write_bytes(actions_csv(pool_repaid(pair, cleared)))
    without = cli("followup", *files, "--json").json
    got = cli("followup", *files, "--plan", plan, "--actions", record, "--json").json
    assert round(got["refinanced"] * 100) == pooled == round(got["plan"]["refinanced"]["amount"] * 100)
    assert round((without["recovered"] - got["recovered"]) * 100) == pooled
    assert got["plan"]["refinanced"]["members"] == got["refinanced_members"]["members"] == 3
    cycle = next(r for r in got["plan"]["by_pool_cycle"] if r["value"] == "1")
    assert (cycle["recovered"], cycle["members"], cycle["refinanced_members"]) == (0.0, 3, 3)
    assert round((got["overdue_then"] - got["recovered"] - got["refinanced"] - got["left_overdue"]
                  + got["increase"]) * 100) == round(got["overdue_now"] * 100)


def test_plan_members_missing_from_the_later_ledger_are_listed(pair, files, tmp_path, cli):
    plan = filled_plan(files, tmp_path, cli, lambda p: None)
    got = cli("followup", *files, "--plan", plan, "--json").json
    planned = set(member_key(read_plan(plan)["member"]))
    left = set(pair.expected.loc[pair.expected["status"] == "left", "key"])
    assert {member_key(pd.Series([m["member"]]))[0] for m in got["plan"]["missing"]} == planned & left != set()


def test_the_plan_reads_back_from_xlsx_as_from_csv(files, tmp_path, cli):
    assert cli("plan", files[0], "--out", tmp_path / "p.xlsx").code == 0
    assert cli("plan", files[0], "--out", tmp_path / "p.csv", "--lang", "en").code == 0
    xlsx, csv = read_plan(tmp_path / "p.xlsx"), read_plan(tmp_path / "p.csv")
    pd.testing.assert_frame_equal(xlsx[["member", "overdue", "days"]], csv[["member", "overdue", "days"]],
                                  check_dtype=False)


def test_a_file_that_is_not_a_plan_is_a_user_error(files, cli):
    run = cli("followup", *files, "--plan", files[1])
    assert run.code == 2 and "plan" in run.err


def test_text_report_and_board_summary(pair, files, tmp_path, cli):
    from docx import Document

    from kmdash.cli import build_parser
    from kmdash.cli.followup import inputs
    from kmdash.followup_flow import follow_up
    from kmdash.report.followup import summary_docx, summary_xlsx

    text = cli("followup", *files).out
    assert "ชำระหมดแล้ว" in text and "ค้างวันนี้" in text
    plan = filled_plan(files, tmp_path, cli, lambda p: None)
    found = follow_up(*inputs(build_parser().parse_args(["followup", str(files[0]), str(files[1]), "--plan", plan])))
    comparison, review = found.comparison, found.review
    doc = Document(__import__("io").BytesIO(summary_docx(comparison, review, "สหกรณ์ทดสอบ")))
    words = "\n".join(p.text for p in doc.paragraphs) + "".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "สรุปผลการติดตามเร่งรัดหนี้" in words and "ชำระหมดแล้ว" in words
    assert summary_xlsx(comparison, review, "สหกรณ์ทดสอบ").startswith(b"PK")


# ---------------------------------------------------------------- the core's one path


def test_a_snapshot_gives_the_same_follow_up_as_its_file(pair, files, tmp_path, cli):
    cleared, pooled = first_cleared(pair)
    plan = read_plan(filled_plan(files, tmp_path, cli, in_cycle_one(cleared)))
    record = read_actions(actions_csv(pool_repaid(pair, cleared)))
    old, new = (pipeline.run(f) for f in files)
    engine = store.open_store(f"sqlite:///{tmp_path / 'snapshots.db'}")
    snapshot = store.load(engine, store.save(engine, store.of_result(old, plan)))
    engine.dispose()
    from_file = follow_up(old, new, plan, record)
    then, now = (set(loans["contract"]) for loans in (pair.old, pair.new))
    assert from_file.comparison.loans == {"matched": len(then & now), "closed": len(then - now),
                                          "opened": len(now - then)}
    got = from_file.comparison.members.set_index("key")
    assert got["status"].sort_index().equals(pair.expected.set_index("key")["status"].sort_index())
    assert from_file.comparison.totals()["refinanced"] == pooled == from_file.review.refinanced()["amount"]
    given, own = follow_up(snapshot, new, plan, record), follow_up(snapshot, new, actions=record)  # own: the snapshot's
    for found in (given, own):
        pd.testing.assert_frame_equal(found.comparison.members, from_file.comparison.members)
        assert (found.comparison.totals(), found.comparison.loans) == (from_file.comparison.totals(),
                                                                      from_file.comparison.loans)
        for dimension, table in from_file.review.by.items():
            pd.testing.assert_frame_equal(found.review.by[dimension], table)
        pd.testing.assert_frame_equal(found.review.missing, from_file.review.missing)


def test_the_plan_is_the_snapshots_own_only_when_none_is_given(files, tmp_path, cli):
    plan = read_plan(filled_plan(files, tmp_path, cli, lambda p: None))
    old, new = (pipeline.run(f) for f in files)
    snapshot = store.of_result(old, plan)
    assert follow_up(snapshot, new).snapshot_plan and follow_up(snapshot, new).review is not None
    assert not follow_up(snapshot, new, plan).snapshot_plan
    without = follow_up(old, new)
    assert (without.review, without.snapshot_plan, without.comparison.totals()["refinanced"]) == (None, False, 0)


@pytest.mark.parametrize("written", ["refinanced", "Refinanced", "  REFINANCED ", "refinanced\u00a0", "\trefinanced"])
def test_the_plans_status_refinanced_alone_no_longer_counts(pair, files, tmp_path, cli, written):
    """A pool cycle proposed (its status written by hand, however) is not a repayment: only the record says one."""
    cleared, pooled = first_cleared(pair)
    old, new = (pipeline.run(f) for f in files)
    plan = read_plan(filled_plan(files, tmp_path, cli, in_cycle_one(cleared, written)))
    found = follow_up(old, new, plan)
    assert found.comparison.totals()["refinanced"] == 0 and found.review.refinanced() == {"members": 0, "amount": 0}
    assert found.comparison.totals()["recovered"] == follow_up(old, new).comparison.totals()["recovered"]
    recorded = follow_up(old, new, plan, read_actions(actions_csv(pool_repaid(pair, cleared))))
    assert recorded.comparison.totals()["refinanced"] == pooled == recorded.review.refinanced()["amount"]


@pytest.mark.parametrize("days_after_old, counts", [(0, False), (1, True), (30, True), (31, False), (-5, False)])
def test_only_a_pool_repayment_between_the_two_ledgers_refinances(pair, files, days_after_old, counts):
    """On the earlier ledger's day or before it is in that ledger's figures already; after the later one, not yet."""
    cleared, pooled = first_cleared(pair)
    found = follow_up(*(pipeline.run(f) for f in files), actions=read_actions(actions_csv(
        pool_repaid(pair, cleared, days_after_old))))
    assert (pair.as_of_new - pair.as_of_old).days == 30
    assert found.comparison.totals()["refinanced"] == (pooled if counts else 0)
