"""Two people at once, in a real browser: two browser contexts (two Streamlit sessions) on one server
upload two different ledgers at about the same time. Each sees its own file, its own overdue total, and
privacy turned on in one session leaves the other one alone.

The Playwright sync API is not thread-safe, so the two sessions are interleaved in this thread: both
uploads are handed to the browser before either is waited for, and the server reads and analyses the two
files side by side.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from kmdash.i18n import t
from kmdash.synthetic import generate_loans

from .support.browser import (
    ALIAS,
    WAIT_MS,
    file_in_use,
    finish_upload,
    go,
    open_session,
    picker,
    set_privacy,
    settled,
    start_upload,
    tile_value,
    write_ledger,
)

pytestmark = pytest.mark.e2e

TILE_OVERDUE = t("tile_overdue")          # "เงินต้นค้างชำระ (บาท)"
PRIVACY = t("privacy")


def test_two_sessions_keep_their_own_file_total_and_privacy(browser, app_url, tmp_path):
    files = {"A": (generate_loans(240, seed=31), "ทะเบียน_สหกรณ์เอ.xlsx"),
             "B": (generate_loans(320, seed=32), "ทะเบียน_สหกรณ์บี.xlsx")}
    ledgers = {k: write_ledger(loans, tmp_path / name) for k, (loans, name) in files.items()}
    (path_a, exp_a, total_a), (path_b, exp_b, total_b) = ledgers["A"], ledgers["B"]
    assert total_a != total_b and exp_a["top_members"][0]["name"] != exp_b["top_members"][0]["name"]

    a = open_session(browser, app_url)
    b = open_session(browser, app_url)
    try:
        # both uploads in flight before either is waited for
        start_upload(a.page, path_a)
        start_upload(b.page, path_b)
        finish_upload(a.page, path_a, total_a)
        finish_upload(b.page, path_b, total_b)

        for me, other in ((a, b), (b, a)):
            mine, theirs = (path_a, path_b) if me is a else (path_b, path_a)
            box = file_in_use(me.page)
            expect(box).to_contain_text(mine.name)
            expect(box).not_to_contain_text(theirs.name)
        expect(tile_value(a.page, TILE_OVERDUE)).to_have_text(total_a)
        expect(tile_value(b.page, TILE_OVERDUE)).to_have_text(total_b)

        # privacy on in A only; then both open the Members page (a new run in each session)
        set_privacy(a.page, True)
        go(a.page, "members")
        go(b.page, "members")
        top_a, top_b = exp_a["top_members"][0], exp_b["top_members"][0]
        expect(picker(a.page)).to_have_value(re.compile(rf"^{ALIAS.pattern}$"), timeout=WAIT_MS)
        expect(a.page.locator("body")).not_to_contain_text(top_a["name"])
        switch_b = b.page.get_by_test_id("stSidebar").get_by_role("switch", name=PRIVACY)
        expect(switch_b).not_to_be_checked()
        expect(picker(b.page)).to_have_value(f"{top_b['member']} {top_b['name']}", timeout=WAIT_MS)
        expect(b.page.get_by_text(top_b["name"]).filter(visible=True).first).to_be_visible(timeout=WAIT_MS)
        expect(b.page.get_by_text(ALIAS).filter(visible=True)).to_have_count(0)

        # after those runs, each still holds its own file and figures
        for me, path, total in ((a, path_a, total_a), (b, path_b, total_b)):
            go(me.page, "overview")
            expect(tile_value(me.page, TILE_OVERDUE)).to_have_text(total, timeout=WAIT_MS)
            expect(file_in_use(me.page)).to_contain_text(path.name)
            settled(me.page)
        expect(a.page.get_by_test_id("stSidebar").get_by_role("switch", name=PRIVACY)).to_be_checked()
        expect(switch_b).not_to_be_checked()
    finally:
        a.close()
        b.close()
