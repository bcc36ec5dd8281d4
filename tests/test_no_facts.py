"""A proposal is never a fact (issue 18): every tool page opened with its defaults leaves the plan free of facts
nobody recorded (no refinanced status, no tier, no technique chosen, no pool cycle) and the record empty; a
proposal goes into the plan only on "Put in the plan" (and out again), an action into the record only on its
confirm button; a past deadline is refused; a technique chosen on the plan page is in the download and in a
saved snapshot.

Expected members and amounts come from the oracle (sample_expected) or from what the page itself showed."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
from streamlit.testing.v1 import AppTest

from kmdash import record, store
from kmdash.i18n import t
from kmdash.plan import read_plan, to_fill

from .support.app import downloads, go, start, table_with
from .support.cli import assert_user_error
from .support.ledgers import SAMPLE

TOOLS = ("sieving", "leaders", "assigned", "pooling", "grading")
POOLING = "4 กองทุนหมุนเวียนกลุ่ม"  # technique 4 as a Thai plan cell names it


def open_app(monkeypatch, tmp_path) -> AppTest:
    """The app on the sample, its store a fresh SQLite file (KMDASH_STORE overrides secrets.toml's URL)."""
    monkeypatch.setenv(store.ENV, f"sqlite:///{tmp_path / 'store.db'}")
    return start()


def visit(at: AppTest, page: str) -> AppTest:
    at.switch_page(f"pages/{page}.py")
    return go(at)


def press(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click()
    return go(at)


def plan_downloaded(at: AppTest, made: dict) -> pd.DataFrame:
    """The plan page's real CSV download, read back as a plan is."""
    visit(at, "plan")
    return read_plan(made["plan.csv"](), "plan.csv").set_index("member")


def recorded(tmp_path) -> pd.DataFrame:
    """The store's record; empty where no store was made."""
    path = tmp_path / "store.db"
    if not path.exists():
        return pd.DataFrame(columns=["member", "kind"])
    engine = store.open_store(f"sqlite:///{path}")
    try:
        return record.listed(engine)
    finally:
        engine.dispose()


def cycles_shown(at: AppTest) -> dict[str, int]:
    """Member number -> pool cycle, as the pool page's table shows them."""
    table = table_with(at, t("col_cycle"))
    return dict(zip(table[t("col_member_no")], table[t("col_cycle")].astype(int)))


def test_every_tool_page_opened_with_its_defaults_puts_no_fact_in_the_plan_or_the_record(monkeypatch, tmp_path,
                                                                                       sample_expected):
    made = downloads(monkeypatch)
    at = open_app(monkeypatch, tmp_path)
    for page in TOOLS:
        visit(at, page)
    plan = plan_downloaded(at, made)
    assert len(plan) == sample_expected["members_overdue"]
    for column in to_fill():
        if column != "grade":  # graded from the ledger by the settings' rules: a reading, not a deed
            assert (plan[column] == "").all(), column
    assert recorded(tmp_path).empty


def test_the_pool_proposal_goes_into_the_plan_only_on_the_press_and_out_again_never_as_refinanced(monkeypatch,
                                                                                                tmp_path):
    made = downloads(monkeypatch)
    at = visit(open_app(monkeypatch, tmp_path), "pooling")
    cycles = cycles_shown(at)
    assert len(set(cycles.values())) > 1
    press(at, "plan_put_pooling")
    plan = plan_downloaded(at, made)
    assert plan.loc[plan["pool_cycle"] != "", "pool_cycle"].astype(int).to_dict() == cycles
    assert (plan["status"] == "").all() and (plan["tier"] == "").all()
    visit(at, "pooling")
    press(at, "plan_take_out_pooling")
    assert (plan_downloaded(at, made)["pool_cycle"] == "").all()
    assert recorded(tmp_path).empty


def test_cycle_one_repaid_records_its_members_with_what_each_owed_only_on_the_press(monkeypatch, tmp_path,
                                                                                   sample_expected):
    at = visit(open_app(monkeypatch, tmp_path), "pooling")
    first = sorted(m for m, cycle in cycles_shown(at).items() if cycle == 1)
    assert first and recorded(tmp_path).empty
    press(at, "record_pool_repaid_4_confirm")
    done = recorded(tmp_path)
    owed = {m["member"]: round(m["overdue"] * 100) for m in sample_expected["top_members"]}
    assert sorted(done["member"]) == first
    assert set(done["kind"]) == {"pool_repaid"} and set(done["technique"]) == {4} and set(done["date"]) == {date.today()}
    assert dict(zip(done["member"], done["amount"])) == {m: owed[m] for m in first}
    assert set(done["note"]) == {"รอบที่ 1"}


def test_letters_recorded_as_sent_make_their_debtors_notified_in_the_plan_and_nobody_else(monkeypatch, tmp_path,
                                                                                          sample_expected):
    made = downloads(monkeypatch)
    at = visit(open_app(monkeypatch, tmp_path), "sieving")
    press(at, "record_letter_sent_1_confirm")
    long_overdue = sorted(m["member"] for m in sample_expected["top_members"] if m["days"] > 365)  # T1's one rule
    done = recorded(tmp_path)
    assert sorted(done["member"]) == long_overdue and set(done["kind"]) == {"letter_sent"}
    plan = plan_downloaded(at, made)
    assert sorted(plan.index[plan["tier"] == "notified"]) == long_overdue
    assert set(plan["tier"]) == {"notified", ""} and (plan["deadline"] == "").all()  # the deadline: not put in


def test_a_leaders_visit_records_that_groups_debtors_only_on_the_press(monkeypatch, tmp_path, sample_expected):
    group = "กลุ่มที่ 3 บ้านดอนแก้ว"
    at = visit(open_app(monkeypatch, tmp_path), "leaders")
    at.selectbox(key="leaders_group").set_value(group)
    go(at)
    assert recorded(tmp_path).empty
    press(at, "record_leader_visit_2_confirm")
    done = recorded(tmp_path)
    assert sorted(done["member"]) == sorted(m["member"] for m in sample_expected["top_members"] if m["group"] == group)
    assert set(done["kind"]) == {"leader_visit"} and set(done["technique"]) == {2} and set(done["note"]) == {group}


def test_a_past_deadline_is_refused_on_the_page_and_by_the_command(monkeypatch, tmp_path, cli):
    yesterday = date.today() - timedelta(days=1)
    at = visit(open_app(monkeypatch, tmp_path), "sieving")
    at.text_input(key="sieving_deadline").set_value(f"{yesterday.day}/{yesterday.month}/{yesterday.year + 543}")
    go(at)
    assert "ผ่านไปแล้ว" in at.error[0].value and not at.get("download_button")
    run = cli("sieving", SAMPLE, "--deadline", yesterday.isoformat(), "--out", tmp_path / "n.docx")
    assert_user_error(run)
    assert "the deadline has passed" in run.err and not (tmp_path / "n.docx").exists()


def test_a_technique_chosen_on_the_plan_page_is_in_the_download_and_a_saved_snapshot(monkeypatch, tmp_path):
    made = downloads(monkeypatch)
    at = visit(open_app(monkeypatch, tmp_path), "plan")
    editor = at.data_editor[0]
    member = editor.value.iloc[1, 0]
    at.session_state[editor.key] = {"edited_rows": {1: {t("col_chosen"): POOLING}}, "added_rows": [],
                                    "deleted_rows": []}
    plan = plan_downloaded(at, made)
    assert plan.loc[plan["chosen"] != "", "chosen"].to_dict() == {member: POOLING}
    visit(at, "snapshots")
    at.button[0].click()  # the form's save button
    go(at)
    engine = store.open_store(f"sqlite:///{tmp_path / 'store.db'}")
    saved = store.load(engine, 1).plan.set_index("member")
    engine.dispose()
    assert saved.loc[saved["chosen"] != "", "chosen"].to_dict() == {member: POOLING}
