"""End to end in a real headless browser: `streamlit run app.py`, Debian's chromium driven by Playwright.

Uploads a generated Thai ledger through the file input, waits for its overdue total on the overdue
tile, opens the Members page, turns privacy on and checks that the largest debtor's name and member
number are gone from the page, then saves a full-page screenshot to tests/artifacts/e2e_privacy.png.

The server, the browser and the user's steps are shared with the other browser tests: tests/support/browser.py
(fixtures `app_url` and `browser` in tests/conftest.py).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from kmdash.i18n import t
from kmdash.synthetic import generate_loans

from .support.browser import (
    ALIAS,
    ARTIFACTS,
    WAIT_MS,
    go,
    open_session,
    picker,
    screenshot_full,
    set_privacy,
    settled,
    tile_value,
    upload,
    write_ledger,
)

pytestmark = pytest.mark.e2e

SCREENSHOT = ARTIFACTS / "e2e_privacy.png"

# The UI strings the test looks for, in Thai (the default language), from the app's own catalogue.
TILE_OVERDUE = t("tile_overdue")          # "เงินต้นค้างชำระ (บาท)"
SAMPLE_BANNER = t("sample_banner", name="").split("(")[0].strip()   # "ยังไม่ได้อัปโหลดไฟล์ …"


def test_upload_overdue_total_and_privacy_in_chromium(browser, app_url, tmp_path):
    loans = generate_loans(300, seed=11)                       # not the shipped sample (600 loans, seed 0)
    ledger, expected, total = write_ledger(loans, tmp_path / "ทะเบียนลูกหนี้เงินกู้_ทดสอบ.xlsx")
    top = expected["top_members"][0]
    name, member = top["name"], top["member"]
    alias = ALIAS                                              # "สมาชิก 017": which number is not known
    assert (loans.drop_duplicates("member_no")["name"] == name).sum() == 1, "pick a member with a unique name"

    session = open_session(browser, app_url)
    page = session.page
    try:
        expect(page.get_by_text(SAMPLE_BANNER)).to_be_visible(timeout=WAIT_MS)
        value = tile_value(page, TILE_OVERDUE)
        expect(value).to_be_visible(timeout=WAIT_MS)
        assert value.inner_text().strip() != total, "the sample ledger already shows the expected total"

        upload(page, ledger, total)
        expect(page.get_by_text(ledger.name).first).to_be_visible(timeout=WAIT_MS)
        expect(page.get_by_text(SAMPLE_BANNER)).to_have_count(0, timeout=WAIT_MS)

        go(page, "members")
        # the table is a canvas grid (its hidden cell copies match too): look for a shown copy, the picker's
        expect(page.get_by_text(name).filter(visible=True).first).to_be_visible(timeout=WAIT_MS)
        expect(page.get_by_text(member).filter(visible=True).first).to_be_visible(timeout=WAIT_MS)

        set_privacy(page, True)
        expect(picker(page)).to_have_value(alias, timeout=WAIT_MS)
        expect(page.get_by_text(alias).filter(visible=True).first).to_be_visible(timeout=WAIT_MS)
        settled(page)

        print(f"\nscreenshot: {screenshot_full(page, SCREENSHOT)}")

        # Privacy on: the name and the member number must be gone from the text on screen, from every
        # form field (a closed selectbox shows its choice in an <input>, which inner_text leaves out)
        # and from the HTML. The number is matched as a whole number, not inside a longer one.
        body = page.locator("body")
        number = re.compile(rf"(?<!\d){re.escape(member)}(?!\d)")
        expect(body).not_to_contain_text(name)
        expect(body).not_to_contain_text(number)
        text, html = body.inner_text(), page.content()
        fields = page.locator("input, textarea").evaluate_all(
            "els => els.map(e => [e.getAttribute('aria-label') || e.name || e.type, e.value])")
        for what, found in ((f"name {name!r}", lambda s: name in s), (f"member number {member!r}", number.search)):
            assert not found(text), f"{what} still shown on the page with privacy on"
            leaks = [label for label, value in fields if found(value)]
            assert not leaks, f"{what} still shown in the form field(s) {leaks} with privacy on"
            assert not found(html), f"{what} still in the page's HTML with privacy on"
        assert alias.search(text), "no alias on the page"
    finally:
        session.close()
