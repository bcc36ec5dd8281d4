"""The follow-up judged by the record (issue 18), through the command line: a generated pair of ledgers and a
generated record of actions (tests/support/record.py) give, by `followup --actions FILE` and by the store's
record (`actions import`, then `followup --store`), on SQLite and PostgreSQL, every figure the generator computed:
by action beside the untreated debtors, promises kept, broken and pending, refinanced only from recorded pool
repayments. The import refuses a file with one bad row and saves nothing; list, filter and delete.

Expected figures come from the generator (the pair's statuses and amounts, the actions it drew), never from
kmdash's follow-up.
"""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import pandas as pd
import pytest

from kmdash.followup_actions import counted, judge
from kmdash.i18n import t

from .support.cli import assert_user_error
from .support.record import COOP, HEADERS, action, assert_judged, be, cents, frame, key, keys_of, tiny_comparison


def followup(cli, files, *more):
    return cli("followup", files.old, files.new, *more, "--json").json


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_every_figure_is_the_generators_from_a_file(generated_record, record_files, cli, kind):
    got = followup(cli, record_files, "--actions", getattr(record_files, kind))
    assert_judged(got, generated_record)
    assert got["by_action"] and got["promises"]["broken"] and got["promises"]["kept"] and got["refinanced"] > 0


def test_every_figure_is_the_generators_from_the_store(generated_record, record_files, store_url, cli):
    oddly_spaced = COOP.replace(" ", "  ") + " "
    imported = cli("actions", "import", record_files.xlsx, "--coop", oddly_spaced, "--store", store_url)
    assert imported.code == 0, imported.err
    assert imported.out.strip() == t("actions_saved", n=len(generated_record.actions), same=0)
    assert_judged(followup(cli, record_files, "--store", store_url), generated_record)  # the ledger's co-op


def test_another_coops_record_is_not_this_ones(generated_record, record_files, store_url, cli):
    assert cli("actions", "import", record_files.csv, "--coop", "สหกรณ์อื่น", "--store", store_url).code == 0
    got = followup(cli, record_files, "--store", store_url)
    assert got["by_action"] == [] and got["refinanced"] == 0.0
    assert got["untreated"]["members"] == len(generated_record.debtors)
    assert followup(cli, record_files, "--store", store_url, "--coop", "สหกรณ์อื่น")["by_action"] != []


def test_actions_after_the_later_ledger_do_not_count(generated_record, record_files, cli):
    record = generated_record
    late = [a for a in record.actions if a["date"] > record.pair.as_of_new]
    counted = {key(a["member"]) for a in record.counted}
    only_late = {key(a["member"]) for a in late} - counted
    assert late and only_late
    got = followup(cli, record_files, "--actions", record_files.csv)
    assert only_late <= set(keys_of(got["untreated"]["member_list"]))
    assert not only_late & {key(m) for row in got["by_action"] for m in row["member_list"]}
    assert not only_late & record.refinanced_keys
    promised = sum(got["promises"][s] for s in ("kept", "broken", "pending"))
    assert promised == sum(a["kind"] == "promise" for a in record.counted) < sum(a["kind"] == "promise" for a in record.actions)


def test_a_record_of_only_late_actions_leaves_every_debtor_untreated(generated_record, record_files, tmp_path, cli):
    record = generated_record
    late = pd.read_csv(io.BytesIO(record.csv_bytes()), dtype=str, keep_default_na=False)
    late[HEADERS["th"][1]] = be(record.pair.as_of_new + timedelta(days=1))
    path = tmp_path / "late.csv"
    late.to_csv(path, index=False)
    got = followup(cli, record_files, "--actions", path)
    assert got["by_action"] == [] and got["refinanced"] == 0.0 and got["promises"]["broken_list"] == []
    assert keys_of(got["untreated"]["member_list"]) == sorted(record.debtors.index)
    assert cents(got["recovered"]) == record.totals["recovered"] + record.totals["refinanced"]


def filled_plan(cli, files, tmp_path, fill) -> str:
    """The earlier ledger's plan exported by `plan`, filled in as staff would (fill(frame, member keys))."""
    path = tmp_path / "plan.csv"
    assert cli("plan", files.old, "--out", path).code == 0
    plan = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    fill(plan, plan[t("col_member")].map(key))
    plan.to_csv(path, index=False, encoding="utf-8-sig")
    return str(path)


def test_the_plans_status_refinanced_no_longer_makes_anyone_refinanced(generated_record, record_files, tmp_path,
                                                                      cli):
    record = generated_record
    fell = record.debtors[record.debtors["status"].isin(["cleared", "reduced"])].index
    marked = sorted(set(fell) - record.refinanced_keys)[:4]

    def pool(plan, keys):
        plan.loc[keys.isin(marked), [t("col_pool_cycle"), t("col_status")]] = ["1", "refinanced"]

    plan = filled_plan(cli, record_files, tmp_path, pool)
    alone = followup(cli, record_files, "--plan", plan)
    assert (alone["refinanced"], alone["refinanced_members"]["members"], alone["plan"]["refinanced"]["members"]) == \
        (0.0, 0, 0)
    cycle = next(r for r in alone["plan"]["by_pool_cycle"] if r["value"] == "1")
    assert (cycle["members"], cycle["refinanced_members"], cents(cycle["recovered"])) == \
        (4, 0, int(record.members.loc[marked, "fall"].sum()))
    got = followup(cli, record_files, "--plan", plan, "--actions", record_files.csv)
    assert_judged(got, record)
    in_plan = record.refinanced_keys & set(record.debtors.index)
    assert got["plan"]["refinanced"]["members"] == len(in_plan)
    assert cents(got["plan"]["refinanced"]["amount"]) == record.totals["refinanced"]


def test_an_action_naming_no_technique_takes_the_one_chosen_in_the_plan(generated_record, record_files, tmp_path,
                                                                      cli):
    record = generated_record
    agreed = sorted({key(a["member"]) for a in record.counted if a["kind"] == "agreement"})
    chosen = {k: 5 for k in agreed} | {k: 1 for k in sorted(record.untreated["keys"])[:3]}

    def choose(plan, keys):
        plan[t("col_chosen")] = keys.map(lambda k: {5: "5 จัดชั้นสมาชิก", 1: "1 ร่อนตะแกรง"}.get(chosen.get(k), ""))

    got = followup(cli, record_files, "--plan", filled_plan(cli, record_files, tmp_path, choose),
                   "--actions", record_files.xlsx)
    assert_judged(got, record, chosen)
    assert ("agreement", 5) in {(r["kind"], r["technique"]) for r in got["by_action"]}
    by_technique = {r["value"]: r["members"] for r in got["plan"]["by_technique"]}
    assert (by_technique["5"], by_technique["1"]) == (len(agreed), 3)


def test_the_text_report_shows_the_untreated_and_the_broken_promises(generated_record, record_files, cli):
    record = generated_record
    numbers = {key(n): n for n in record.pair.old["member_no"]}
    for lang, untreated, broken in (("th", "ยังไม่ได้ดำเนินการ", "ผิดนัด"), ("en", "No action recorded", "Broken")):
        run = cli("followup", record_files.old, record_files.new, "--actions", record_files.csv, "--lang", lang)
        assert run.code == 0, run.err
        lines = run.out.splitlines()
        u = record.untreated
        baht = "บาท" if lang == "th" else "baht"
        assert f"  {untreated}: {u['recovered'] / 100:,.2f} {baht} / {u['overdue_then'] / 100:,.2f} {baht} " \
               f"({u['rate']:.1%}, {u['members']:,} {'คน' if lang == 'th' else 'members'})" in lines
        told = {line.split(":")[0].split()[-1]: line for line in lines if line.startswith(f"  {broken} ")}
        assert len(told) == len(record.promises["broken_list"])
        for k, _, amount, paid in record.promises["broken_list"]:
            line = told[numbers[k]]  # the member as the ledger numbers them
            assert f"{amount / 100:,.2f} {baht}" in line and f"{paid / 100:,.2f} {baht}" in line


# ---------------------------------------------------------------- actions import, list, delete


def with_bad_row(record, row: int, field: str, value: str) -> bytes:
    """The record's CSV with one cell of data row `row` (0 = the first under the header) made bad."""
    frame = pd.read_csv(io.BytesIO(record.csv_bytes()), dtype=str, keep_default_na=False)
    frame.loc[row, HEADERS["th"][["member", "date", "kind", "technique", "amount", "promised_date"].index(field)]] = value
    return frame.to_csv(index=False).encode("utf-8-sig")


def listed(cli, store_url, *more) -> list[dict]:
    return cli("actions", "list", "--json", "--store", store_url, *more).json["actions"]


@pytest.mark.parametrize("field, value", [("date", "31/02/2567"), ("kind", "ไปเที่ยว"), ("member", ""),
                                          ("technique", "9"), ("amount", "-1,500.00")])
def test_a_file_with_one_bad_row_is_refused_whole(generated_record, store_url, tmp_path, cli, field, value):
    row = 17
    path = tmp_path / "bad.csv"
    path.write_bytes(with_bad_row(generated_record, row, field, value))
    run = cli("actions", "import", path, "--store", store_url)
    assert_user_error(run)
    assert f"แถว {row + 2}:" in run.err and f"row {row + 2}:" in run.err
    assert listed(cli, store_url) == []


def test_a_promise_without_an_amount_is_refused_naming_its_row(generated_record, store_url, tmp_path, cli):
    row = next(i for i, a in enumerate(generated_record.actions) if a["kind"] == "promise")
    path = tmp_path / "bad.csv"
    path.write_bytes(with_bad_row(generated_record, row, "amount", ""))
    run = cli("actions", "import", path, "--store", store_url, "--lang", "en")
    assert_user_error(run)
    assert f"row {row + 2}: {HEADERS['en'][4]} '' must be filled in" in run.err
    assert listed(cli, store_url) == []


def test_importing_the_same_file_twice_adds_nothing_the_second_time(generated_record, record_files, store_url, cli):
    n = len(generated_record.actions)
    assert cli("actions", "import", record_files.csv, "--store", store_url).out.strip() == t("actions_saved", n=n, same=0)
    for again in (record_files.csv, record_files.xlsx):  # the same actions, written otherwise
        assert cli("actions", "import", again, "--store", store_url).out.strip() == t("actions_saved", n=0, same=n)
    assert len(listed(cli, store_url)) == n


def test_the_list_holds_what_was_imported_and_filters_by_member_and_coop(generated_record, record_files, store_url,
                                                                        cli):
    record = generated_record
    assert cli("actions", "import", record_files.csv, "--coop", COOP, "--store", store_url).code == 0
    assert cli("actions", "import", record_files.xlsx, "--coop", "สหกรณ์อื่น", "--store", store_url).code == 0
    mine = listed(cli, store_url, "--coop", f" {COOP} ")
    assert len(listed(cli, store_url)) == 2 * len(mine) == 2 * len(record.actions)
    assert {a["coop"] for a in mine} == {COOP} and {a["source"] for a in mine} == {"actions.csv"}
    written = sorted((a["member"], a["date"].isoformat(), a["kind"], a["technique"] or None,
                      a["amount"] / 100 if a["amount"] else None,
                      a["promised_date"].isoformat() if a["promised_date"] else None, a["by"], a["note"])
                     for a in record.actions)
    assert sorted((a["member"], a["date"], a["kind"], a["technique"], a["amount"], a["promised_date"], a["by"],
                   a["note"]) for a in mine) == written
    assert [a["date"] for a in mine] == sorted(a["date"] for a in mine)  # oldest first
    member = record.actions[0]["member"]
    for asked in (member.lstrip("0"), member.zfill(5), f" {member} "):
        found = listed(cli, store_url, "--coop", COOP, "--member", asked)
        assert len(found) == sum(key(a["member"]) == key(member) for a in record.actions) > 0
        assert {key(a["member"]) for a in found} == {key(member)}


def test_delete_one_action_and_an_unknown_id_is_a_user_error(generated_record, record_files, store_url, cli):
    assert cli("actions", "import", record_files.csv, "--store", store_url).code == 0
    before = listed(cli, store_url)
    gone = before[3]["id"]
    deleted = cli("actions", "delete", gone, "--store", store_url)
    assert (deleted.code, deleted.out.strip()) == (0, t("actions_deleted", id=gone))
    assert listed(cli, store_url) == [a for a in before if a["id"] != gone]
    for unknown in (gone, max(a["id"] for a in before) + 1):
        run = cli("actions", "delete", unknown, "--store", store_url)
        assert_user_error(run)
        assert str(unknown) in run.err
    assert len(listed(cli, store_url)) == len(before) - 1


def test_the_list_as_text_and_empty(store_url, record_files, cli):
    assert cli("actions", "list", "--store", store_url).out.strip() == t("actions_none")
    assert cli("actions", "import", record_files.csv, "--store", store_url).code == 0
    lines = cli("actions", "list", "--store", store_url, "--lang", "en").out.strip().splitlines()
    assert lines[0] == " | ".join([t("col_action_id", "en"), *HEADERS["en"]])
    assert len(lines) == 1 + len(json.loads(cli("actions", "list", "--json", "--store", store_url).out)["actions"])


# ---------------------------------------------------------------- the judgement on small hand-written ledgers


NEW = date(2024, 4, 30)  # tiny_comparison's later ledger
ON = date(2024, 4, 10)  # a day between the two ledgers


def judged(comparison, actions: list[dict], chosen=None):
    return judge(comparison, counted(frame(actions), NEW), chosen)


def rows(table) -> list[tuple]:
    return [(r["kind"], r["technique"], r["members"], r["overdue_then"], r["recovered"]) for r in table.to_dict("records")]


def test_with_every_debtor_treated_the_untreated_are_none_at_a_rate_of_zero():
    comparison = tiny_comparison({"00001": 100, "00002": 50, "00003": 0}, {"00001": 0, "00002": 50, "00003": 0})
    got = judged(comparison, [action("1", ON, "letter_sent", 1), action("00002", ON, "contact"),
                              action("3", ON, "contact")])
    assert {k: got.untreated[k] for k in ("members", "overdue_then", "recovered", "rate", "member_list")} == \
        {"members": 0, "overdue_then": 0, "recovered": 0, "rate": 0.0, "member_list": []}
    assert rows(got.by_action) == [("letter_sent", 1, 1, 100_00, 100_00), ("contact", 0, 1, 50_00, 0)]
    assert got.by_action["uplift"].tolist() == [1.0, 0.0] and got.by_action.index.tolist() == [0, 1]


def test_a_debtor_of_one_satang_is_a_debtor():
    comparison = tiny_comparison({"00001": 0.01, "00002": 0}, {"00001": 0, "00002": 0})
    got = judged(comparison, [action("1", ON, "letter_sent", 1), action("2", ON, "letter_sent", 1)])
    assert rows(got.by_action) == [("letter_sent", 1, 1, 1, 1)]
    assert rows(got.best()) == rows(got.by_action)


def test_promises_kept_on_the_day_added_up_in_date_order_pending_and_by_strangers():
    comparison = tiny_comparison({"00001": 100, "00002": 100, "00003": 100, "00004": 100},
                                 {"00001": 60, "00002": 100, "00003": 0, "00004": 50})
    promises = [action("1", ON, "promise", 0, 40_00, NEW),  # due on the later ledger's day, exactly what fell: kept
                action("3", ON, "promise", 0, 60_00, date(2024, 4, 10)),  # 60 of the 100 that fell: kept
                action("3", ON, "promise", 0, 50_00, date(2024, 4, 20)),  # then 110 of 100: broken
                action("4", ON, "promise", 0, 50_00, date(2024, 5, 15)),  # after the later ledger: pending
                action("999", ON, "promise", 0, 10_00, date(2024, 4, 10)),  # in neither ledger: nothing fell
                action("2", ON, "promise", 0, 30_00, date(2024, 4, 20))]  # nothing fell: broken
    got = judged(comparison, promises)
    assert got.promise_counts() == {"kept": 2, "broken": 3, "pending": 1, "kept_amount": 100_00,
                                    "broken_amount": 90_00}
    assert got.broken[["member", "promised_date", "amount", "paid"]].values.tolist() == [
        ["999", date(2024, 4, 10), 10_00, 0], ["00002", date(2024, 4, 20), 30_00, 0],
        ["00003", date(2024, 4, 20), 50_00, 100_00]]
    assert got.promises.index.tolist() == list(range(6))
    assert got.promises.dtypes[["amount", "paid"]].tolist() == ["int64", "int64"]
    none = judged(comparison, [action("1", ON, "contact")]).promises
    assert none.empty and none.dtypes[["amount", "paid"]].tolist() == ["int64", "int64"]
    assert list(none.columns) == ["member", "date", "promised_date", "amount", "paid", "state"]


def test_an_action_naming_no_technique_takes_the_plans_choice_only_where_it_made_one():
    comparison = tiny_comparison({"00001": 100, "00002": 100, "00003": 100}, {"00001": 0, "00002": 100, "00003": 100})
    letters = [action(m, ON, "letter_sent") for m in ("1", "2", "3")] + [action("2", ON, "leader_visit", 2)]
    plan = pd.DataFrame({"member": ["00001", "00002", "00002"], "chosen": ["3 มอบหมาย", "", "1 ร่อนตะแกรง"]})
    assert rows(judged(comparison, letters, plan).by_action) == [
        ("letter_sent", 3, 1, 100_00, 100_00), ("leader_visit", 2, 1, 100_00, 0), ("letter_sent", 0, 2, 200_00, 0)]
    for without in (pd.DataFrame({"member": ["00001"]}), None):  # a plan without the column (an old one), or none
        assert rows(judged(comparison, letters, without).by_action) == [
            ("letter_sent", 0, 3, 300_00, 100_00), ("leader_visit", 2, 1, 100_00, 0)]


def test_what_was_done_ranks_by_rate_with_five_members_enough_and_the_best_five_shown():
    members = {f"{i:05d}": 100 for i in range(1, 11)}
    comparison = tiny_comparison(members, {**members, "00001": 0, "00006": 0, "00007": 0, "00010": 0})
    done = [action(str(i), ON, "contact", 3) for i in range(1, 6)]  # 5 members, 20 %: enough
    done += [action("6", ON, "letter_sent", 1), action("7", ON, "letter_sent", 2), action("8", ON, "leader_visit", 2),
             action("9", ON, "agreement"), action("10", ON, "other"), action("9", ON, "other")]
    got = judged(comparison, done)
    assert rows(got.by_action) == [  # recovered first, then kind and technique
        ("contact", 3, 5, 500_00, 100_00), ("letter_sent", 1, 1, 100_00, 100_00), ("letter_sent", 2, 1, 100_00, 100_00),
        ("other", 0, 2, 200_00, 100_00), ("agreement", 0, 1, 100_00, 0), ("leader_visit", 2, 1, 100_00, 0)]
    best = got.best()
    assert [(r["kind"], r["technique"], r["enough"]) for r in best.to_dict("records")] == [
        ("contact", 3, True), ("letter_sent", 1, False), ("letter_sent", 2, False), ("other", 0, False),
        ("agreement", 0, False)]
    assert len(got.best(top=6)) == 6 and got.best(top=2)["kind"].tolist() == ["contact", "letter_sent"]
