"""End to end, the record (issue 18) as a co-op's staff would keep it, in Debian's chromium at a projector's
1280x720, the app's store a fresh SQLite file (KMDASH_STORE of its own server):

1. the earlier ledger (OLD) of the generated pair loaded; the pool and sieving pages opened with their defaults;
   the plan downloaded: no refinanced status, no tier, no technique chosen, no pool cycle;
2. on the actions page a letter for one group's debtors and a promise for one member (dates typed in the
   Buddhist Era); on the sieving page the letters recorded as sent; on the pool page the rotation put in the plan
   and cycle 1 recorded as repaid; the store holds exactly those actions;
3. the later ledger (NEW) loaded and followed up against OLD uploaded: the table by action beside the untreated
   debtors, the promise kept, refinanced what the cycle-1 members' overdue fell; the page's JSON checked whole
   against the generator's figures (tests/support/record.py) for the same actions;
4. privacy on: the follow-up and actions pages hold no member's name or number of either ledger (which they do
   hold with privacy off: the check can fail).

Screenshots in tests/artifacts/record_*.png. Expected members and figures come from the generator and the oracle
(tests/support/figures.py); only which members the pool's cycle 1 holds is read from the pool page's download.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd
import pytest
from playwright.sync_api import expect

from kmdash import record, store
from kmdash.i18n import t
from kmdash.plan import read_plan
from kmdash.words import day

from .support.browser import (
    ALIAS,
    ARTIFACTS,
    WAIT_MS,
    choose,
    download,
    grid_to_end,
    keyed,
    open_page,
    open_session,
    page_text_full,
    pick_radio,
    press,
    screenshot_at,
    screenshot_full,
    screenshot_viewport,
    set_privacy,
    settled,
    type_in,
    upload,
)
from .support.figures import expected_figures
from .support.record import FELL, Record, action, assert_judged, be, key

pytestmark = pytest.mark.e2e

PROJECTOR = {"width": 1280, "height": 720}
PROMISED = 1_000_00  # satang: the promise typed as 1000 baht
BY = "สมศรี"
LONG_OVERDUE = 365  # the sieving page's default days (Settings.long_overdue_days)


@dataclass
class Chosen:
    """Who the test acts for, from the generator and the oracle of the earlier ledger."""

    record: Record
    old: dict  # expected_figures of OLD, every debtor in top_members
    group: str  # the smallest group of debtors: its letters
    group_members: list[str]
    long_overdue: list[str]  # the sieving page's debtors
    promiser: dict  # a debtor whose overdue fell by at least PROMISED: the promise is kept

    @classmethod
    def of(cls, generated: Record) -> Chosen:
        pair, members = generated.pair, generated.members
        old = expected_figures(pair.old, pair.as_of_old, top=10**6)
        debtors = old["top_members"]
        groups: dict[str, list[str]] = {}
        for m in debtors:
            groups.setdefault(m["group"], []).append(m["member"])
        group = min(groups, key=lambda g: (len(groups[g]), g))
        promiser = next(m for m in sorted(debtors, key=lambda m: m["member"])
                        if members.loc[key(m["member"]), "status"] in FELL
                        and members.loc[key(m["member"]), "fall"] >= PROMISED)
        return cls(generated, old, group, groups[group], [m["member"] for m in debtors if m["days"] > LONG_OVERDUE],
                   promiser)

    def day(self, n: int) -> date:
        """n days after the earlier ledger: counted by the follow-up (on or before the later one)."""
        return self.record.pair.as_of_old + timedelta(days=n)


def shot(name: str):
    return ARTIFACTS / f"record_{name}.png"


def money(satang: int) -> str:
    return f"{satang / 100:,.2f} {t('baht')}"


def success(page, message: str) -> None:
    expect(page.get_by_test_id("stAlertContentSuccess").filter(has_text=message).first).to_be_visible(timeout=WAIT_MS)
    settled(page)


def date_typed(page, key: str, when: date) -> None:
    """A date typed in the Buddhist Era into a tool's confirm step; the page reads it back in words under it."""
    type_in(page, key, be(when))
    expect(keyed(page, key).locator("xpath=..").get_by_text(day(when), exact=True)).to_be_visible(timeout=WAIT_MS)
    settled(page)


def in_thai(page, where: str) -> None:
    """What the page paints (not its code): no action kind as its code, no English placeholder of Streamlit's."""
    painted = page.locator("body").inner_text()
    codes = re.findall(r"\b(?:letter_sent|pool_repaid|leader_visit|promise|Choose an? options?)\b", painted)
    assert not codes, f"{where}: {sorted(set(codes))} shown where Thai words belong"


# ---------------------------------------------------------------- 1. pages opened: no fact in the plan


def plan_free_of_facts(page, members_overdue: int) -> None:
    for tool in ("pooling", "sieving"):
        open_page(page, tool)
    open_page(page, "plan")
    plan = read_plan(download(page, t("plan_download", kind="Excel", contents=t("plan_real"))), "plan.xlsx")
    assert len(plan) == members_overdue
    for column in ("status", "tier", "chosen", "pool_cycle"):
        assert (plan[column] == "").all(), f"{column} filled by opening the pages: {set(plan[column])}"
    print(f"\nscreenshot: {screenshot_viewport(page, shot('plan_1280x720'))}")


# ---------------------------------------------------------------- 2. what was done, recorded


def letters_to_a_group(page, group: str, members: list[str], when: date) -> list[dict]:
    """On the actions page: a letter sent to the group's overdue members (kind and technique left as they are)."""
    pick_radio(page, "act_who", t("act_who_group"))
    settled(page)
    choose(page, "act_group", group)
    expect(page.get_by_text(t("act_chosen", n=len(members)), exact=True)).to_be_visible(timeout=WAIT_MS)
    settled(page)
    type_in(page, "act_date", be(when))
    press(page, "act_save")
    success(page, t("actions_saved", n=len(members), same=0))
    return [action(m, when, "letter_sent") for m in members]


def a_promise(page, member: dict, when: date, promised: date) -> list[dict]:
    """On the actions page: one member promised PROMISED by `promised`, technique 3."""
    pick_radio(page, "act_who", t("act_who_one"))
    settled(page)
    choose(page, "act_one_", f"{member['member']} {member['name']}")
    settled(page)
    choose(page, "act_kind", t("action_promise"))
    choose(page, "act_technique", "3 มอบหมาย")
    type_in(page, "act_date", be(when))
    type_in(page, "act_amount", f"{PROMISED // 100}")
    type_in(page, "act_promised", be(promised))
    type_in(page, "act_by", BY)
    press(page, "act_save")
    success(page, t("actions_saved", n=1, same=0))
    return [action(member["member"], when, "promise", 3, PROMISED, promised, BY)]


def letters_sent(page, members: list[str], when: date) -> list[dict]:
    """On the sieving page (its defaults): the letters to the long-overdue recorded as sent."""
    open_page(page, "sieving")
    date_typed(page, "record_letter_sent_1_date", when)
    press(page, "record_letter_sent_1_confirm")
    success(page, t("actions_saved", n=len(members), same=0))
    return [action(m, when, "letter_sent", 1) for m in members]


def cycle_one_repaid(page, owed: dict[str, int], when: date) -> list[dict]:
    """On the pool page (its defaults): the rotation put in the plan, cycle 1 recorded as repaid, each member
    with what they owed. Which members cycle 1 holds: the page's own CSV."""
    open_page(page, "pooling")
    pool = pd.read_csv(io.BytesIO(download(page, t("pooling_download_csv"))), dtype=str, encoding="utf-8-sig")
    first = pool.loc[pool["cycle"] == "1", "member_no"].tolist()
    assert first
    press(page, "plan_put_pooling")
    expect(page.get_by_text(t("plan_in", n=len(pool)), exact=True)).to_be_visible(timeout=WAIT_MS)
    settled(page)
    expect(keyed(page, "pooling_confirm_cycle").get_by_role("combobox")).to_have_value(t("pooling_cycle_n", n=1))
    date_typed(page, "record_pool_repaid_4_date", when)
    press(page, "record_pool_repaid_4_confirm")
    success(page, t("actions_saved", n=len(first), same=0))
    return [action(m, when, "pool_repaid", 4, owed[key(m)]) for m in first]


def record_what_was_done(page, chosen: Chosen) -> list[dict]:
    open_page(page, "actions")
    expect(page.get_by_text(t("actions_none"))).to_be_visible()
    done = letters_to_a_group(page, chosen.group, chosen.group_members, chosen.day(5))
    done += a_promise(page, chosen.promiser, chosen.day(10), chosen.day(25))
    done += letters_sent(page, chosen.long_overdue, chosen.day(2))
    return done + cycle_one_repaid(page, dict(chosen.record.members["overdue_then"]), chosen.day(15))


def held(actions) -> list[tuple]:
    """Actions as comparable rows: member (as matched), date, kind, technique, amount, promised date, by."""
    return sorted((key(a["member"]), a["date"], a["kind"], int(a["technique"]), int(a["amount"]),
                   a["promised_date"] or None, a["by"]) for a in actions)


def stored(url: str) -> list[dict]:
    engine = store.open_store(url)
    try:
        return record.listed(engine).to_dict("records")
    finally:
        engine.dispose()


def the_record_page(page, n: int) -> None:
    open_page(page, "actions")
    expect(page.get_by_role("heading", name=t("act_record", n=n))).to_be_visible(timeout=WAIT_MS)


# ---------------------------------------------------------------- 3. the follow-up judged by the record


def follow_up_against(page, old_file) -> None:
    """The follow-up page (the file in use is NEW) with OLD uploaded as the earlier ledger."""
    open_page(page, "followup")
    pick_radio(page, "fu_kind", t("fu_old_upload"))
    settled(page)
    keyed(page, "fu_old_file").locator("input[type=file]").set_input_files(old_file)
    by_action_table(page)


def by_action_table(page):
    table = page.get_by_test_id("stDataFrame").filter(has_text=t("fu_untreated"))
    expect(table).to_be_visible(timeout=WAIT_MS)
    settled(page)
    return table


def judged_as_generated(page, chosen: Chosen, done: list[dict]) -> None:
    """The page's refinanced line, promises, table by action and untreated rate; its JSON, every figure."""
    members, mine = chosen.record.members, Record(chosen.record.pair, done)
    pooled = [key(a["member"]) for a in done if a["kind"] == "pool_repaid"]
    fell = [k for k in pooled if members.loc[k, "status"] in FELL]
    refinanced = int(members.loc[fell, "fall"].sum())  # what the cycle-1 members' overdue fell
    assert refinanced > 0, "cycle 1 holds no member whose overdue fell: the check would say little"
    painted = page.locator("body").inner_text()
    assert t("fu_refinanced_recorded", n=len(fell), amount=money(refinanced)) in painted
    assert t("fu_promises", kept=1, broken=0, pending=0, kept_amount=money(PROMISED), broken_amount=money(0)) in painted
    untreated = mine.untreated
    assert t("fu_rate_line", value=t("fu_untreated"), rate=f"{untreated['rate']:.1%}", members=untreated["members"],
             few="") in painted  # the untreated rate beside the best ones
    table = by_action_table(page).text_content()
    for shown in (t("fu_untreated"), f"{untreated['rate']:.1%}", t("action_promise"), t("action_letter_sent"),
                  t("action_pool_repaid")):
        assert shown in table, f"{shown!r} not in the table by action"
    got = json.loads(download(page, t("fu_download_json")))
    assert (got["refinanced_members"]["members"], round(got["refinanced_members"]["amount"] * 100)) == \
        (len(fell), refinanced)
    assert_judged(got, mine)  # by action, untreated, promises, the identity, best practice: the generator's


# ---------------------------------------------------------------- 4. privacy


def personal(record: Record) -> tuple[set[str], re.Pattern]:
    """Every name (without its title) of both ledgers, and every member number as the ledgers mostly write it,
    5 digits ("00185"): one written short ("5", "202") cannot be told from a count on screen."""
    pair = record.pair
    names = {n.split(" ", 1)[1] for n in {*pair.old["name"], *pair.new["name"]}}
    numbers = {key(n).zfill(5) for n in {*pair.old["member_no"], *pair.new["member_no"]}}
    return names, re.compile(r"(?<!\d)(?:%s)(?!\d)" % "|".join(sorted(numbers)))


def shown_personal(page, names: set[str], numbers: re.Pattern) -> tuple[list[str], list[str]]:
    """The names and member numbers anywhere in the page's text (every table drawn first)."""
    text = page_text_full(page)
    return sorted(n for n in names if n in text), sorted(set(numbers.findall(text)))


def nothing_personal(page, names: set[str], numbers: re.Pattern, where: str) -> None:
    found_names, found_numbers = shown_personal(page, names, numbers)
    assert not found_names, f"{where}: names shown with privacy on: {found_names[:5]}"
    assert not found_numbers, f"{where}: member numbers shown with privacy on: {found_numbers[:5]}"


def test_the_record_from_the_tool_pages_to_the_follow_up(browser, app_with_store, generated_record, record_files):
    app, store_url = app_with_store
    chosen = Chosen.of(generated_record)
    pair = generated_record.pair
    names, numbers = personal(generated_record)
    session = open_session(browser, app, PROJECTOR)
    page = session.page
    try:
        upload(page, record_files.old, f"{chosen.old['overdue']:,.2f}")
        plan_free_of_facts(page, chosen.old["members_overdue"])

        done = record_what_was_done(page, chosen)
        the_record_page(page, len(done))
        in_thai(page, "actions")
        assert shown_personal(page, names, numbers)[1], "privacy off: the record shows member numbers"
        print(f"screenshot: {screenshot_full(page, shot('actions_full'))}")
        record = page.get_by_test_id("stDataFrame").first
        grid_to_end(page, record)  # the latest actions: the promise, cycle 1
        print(f"screenshot: {screenshot_at(page, record, shot('actions_latest_1280x720'))}")
        assert held(stored(store_url)) == held(done)

        open_page(page, "load")
        upload(page, record_files.new, f"{expected_figures(pair.new, pair.as_of_new)['overdue']:,.2f}")
        follow_up_against(page, record_files.old)
        judged_as_generated(page, chosen, done)
        in_thai(page, "follow-up")
        assert all(shown_personal(page, names, numbers)), "privacy off: the follow-up shows names and numbers"
        heading = page.get_by_role("heading", name=t("fu_by_action"))
        print(f"screenshot: {screenshot_at(page, heading, shot('followup_1280x720'))}")
        print(f"screenshot: {screenshot_full(page, shot('followup_full'))}")

        set_privacy(page, True)
        expect(page.get_by_test_id("stDataFrame").filter(has_text=ALIAS).first).to_be_visible(timeout=WAIT_MS)
        by_action_table(page)
        nothing_personal(page, names, numbers, "follow-up")
        print(f"screenshot: {screenshot_full(page, shot('followup_private_full'))}")
        the_record_page(page, len(done))
        nothing_personal(page, names, numbers, "actions")
        print(f"screenshot: {screenshot_full(page, shot('actions_private_full'))}")
    finally:
        session.close()
