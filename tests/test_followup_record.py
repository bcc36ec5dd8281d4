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
from datetime import timedelta

import pandas as pd
import pytest

from kmdash.i18n import t

from .support.cli import assert_user_error
from .support.record import COOP, HEADERS, assert_judged, be, cents, key, keys_of


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
